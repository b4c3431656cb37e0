package org.flipad.core.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The DeepSAD centre c (FLIPAD.md section 4): the mean of φ(x) over all training samples (both
 * classes) with the untrained network in evaluation mode (BatchNorm uses its running statistics,
 * not batch statistics), then every component with |c_j| &lt; 0.1 moved to ±0.1 keeping its sign (0
 * goes to +0.1), so that c is not near the trivial all-zero output. Fixed afterwards.
 */
final class HypersphereCentre {

  /** The smallest |c_j| kept. */
  static final float MIN_MAGNITUDE = 0.1f;

  private HypersphereCentre() {}

  /**
   * c for the training features.
   *
   * @param network the untrained network, its parameters initialised
   * @param parent a manager whose sub-managers hold each batch (closed before returning)
   * @param rows the training samples, each C×H×W in C order
   * @return c [representationSize]
   */
  static float[] of(DeepSadNetwork network, NDManager parent, float[][] rows, int batchSize) {
    double[] sum = new double[network.representationSize()];
    int[] order = FeatureRows.identity(rows.length);
    for (int from = 0; from < rows.length; from += batchSize) {
      int to = Math.min(rows.length, from + batchSize);
      try (NDManager scope = parent.newSubManager()) {
        NDArray x = FeatureRows.batch(scope, network, rows, order, from, to);
        NDArray columnSums = network.represent(scope, x, false).sum(new int[] {0});
        float[] values = columnSums.toFloatArray();
        for (int j = 0; j < sum.length; j++) {
          sum[j] += values[j];
        }
      }
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] /= rows.length;
    }
    return pushedAway(sum);
  }

  /** The mean with every |c_j| &lt; 0.1 set to 0.1 with c_j's sign (+0.1 for 0). */
  static float[] pushedAway(double[] mean) {
    float[] centre = new float[mean.length];
    for (int j = 0; j < mean.length; j++) {
      float value = (float) mean[j];
      if (Math.abs(value) < MIN_MAGNITUDE) {
        value = value < 0 ? -MIN_MAGNITUDE : MIN_MAGNITUDE;
      }
      centre[j] = value;
    }
    return centre;
  }
}
