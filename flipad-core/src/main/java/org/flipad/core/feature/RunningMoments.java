package org.flipad.core.feature;

/**
 * Per-element running mean and sum of squared deviations by Welford's algorithm, in double.
 *
 * <p>For the n-th sample x: δ = x − mean; mean += δ/n; m2 += δ·(x − mean). Then the unbiased
 * variance is m2/(n − 1). State is two double[C·H·W] and a count, whatever the number of samples.
 */
final class RunningMoments {

  private final FeatureShape shape;
  private final double[] mean;
  private final double[] m2;
  private long count;

  RunningMoments(FeatureShape shape) {
    this.shape = shape;
    this.mean = new double[shape.size()];
    this.m2 = new double[shape.size()];
  }

  /** Adds one sample after checking it; a refused sample leaves the state unchanged. */
  void add(float[] sample, String role) {
    FeatureChecks.requireSample(shape, sample, role);
    accumulate(sample, 0);
  }

  /** Adds a [N, C, H, W] batch after checking all of it; a refused batch changes nothing. */
  void addBatch(float[] batch, String role) {
    int n = FeatureChecks.requireBatch(shape, batch, role);
    for (int i = 0; i < n; i++) {
      accumulate(batch, i * shape.size());
    }
  }

  private void accumulate(float[] values, int offset) {
    count++;
    for (int i = 0; i < mean.length; i++) {
      double x = values[offset + i];
      double delta = x - mean[i];
      mean[i] += delta / count;
      m2[i] += delta * (x - mean[i]);
    }
  }

  FeatureShape shape() {
    return shape;
  }

  long count() {
    return count;
  }

  /** Returns the running mean [C·H·W], a copy; zeros before the first sample. */
  double[] mean() {
    return mean.clone();
  }

  /** Returns the unbiased standard deviation sqrt(m2/(n − 1)) [C·H·W]; needs n ≥ 2. */
  double[] unbiasedStd() {
    double[] std = new double[m2.length];
    for (int i = 0; i < std.length; i++) {
      // m2 is a sum of non-negative terms in exact arithmetic; clamp rounding below zero.
      std[i] = Math.sqrt(Math.max(0.0, m2[i]) / (count - 1));
    }
    return std;
  }
}
