package org.flipad.core.feature;

import java.util.Objects;

/**
 * Scores channels from the standardised training features of both classes, streaming, and fits a
 * {@link ChannelSelection} (FLIPAD.md section 3 step 3).
 *
 * <p>Positives are the target's features, negatives the other source's, both already standardised
 * with the target's {@link Standardiser}. The fitter keeps a running per-element mean m₊ and m₋ of
 * each class (Welford, in double): O(C·H·W) state whatever the number of samples. The score of
 * channel c is s_c = (1/(H·W)) Σ_{h,w} |m₊[c,h,w] − m₋[c,h,w]|. Not thread-safe.
 */
public final class ChannelSelectionFitter {

  private final RunningMoments positives;
  private final RunningMoments negatives;

  /** Creates an empty fitter for standardised samples of {@code shape}. */
  public ChannelSelectionFitter(FeatureShape shape) {
    Objects.requireNonNull(shape, "shape");
    this.positives = new RunningMoments(shape);
    this.negatives = new RunningMoments(shape);
  }

  /** Adds one standardised target sample, [C, H, W] float32 in C order, finite. */
  public void addPositive(float[] sample) {
    positives.add(sample, "Standardised target sample");
  }

  /** Adds one standardised other-source sample, [C, H, W] float32 in C order, finite. */
  public void addNegative(float[] sample) {
    negatives.add(sample, "Standardised negative sample");
  }

  /** Adds a batch of standardised target samples, [N, C, H, W] float32 in C order. */
  public void addPositiveBatch(float[] batch) {
    positives.addBatch(batch, "Standardised target batch");
  }

  /** Adds a batch of standardised other-source samples, [N, C, H, W] float32 in C order. */
  public void addNegativeBatch(float[] batch) {
    negatives.addBatch(batch, "Standardised negative batch");
  }

  /** Returns the number of positive (target) samples added so far. */
  public long positiveCount() {
    return positives.count();
  }

  /** Returns the number of negative (other-source) samples added so far. */
  public long negativeCount() {
    return negatives.count();
  }

  /**
   * Returns the channel scores s_c, [C] float64, each the mean over (h, w) of |m₊ − m₋|.
   *
   * @throws IllegalStateException if either class has no samples yet
   */
  public double[] scores() {
    requireBothClasses();
    FeatureShape shape = positives.shape();
    double[] mPlus = positives.mean();
    double[] mMinus = negatives.mean();
    double[] scores = new double[shape.channels()];
    int plane = shape.planeSize();
    for (int c = 0; c < scores.length; c++) {
      double sum = 0;
      for (int i = c * plane; i < (c + 1) * plane; i++) {
        sum += Math.abs(mPlus[i] - mMinus[i]);
      }
      scores[c] = sum / plane;
    }
    return scores;
  }

  /**
   * Keeps the {@code k} best-scoring channels; see {@link ChannelSelection#topK}.
   *
   * @throws IllegalStateException if either class has no samples yet
   * @throws IllegalArgumentException if k is not in [1, C]
   */
  public ChannelSelection fit(int k) {
    return ChannelSelection.topK(positives.shape(), scores(), k);
  }

  private void requireBothClasses() {
    if (positives.count() == 0 || negatives.count() == 0) {
      throw new IllegalStateException(
          String.format(
              "Cannot score channels with %d target and %d negative samples: the class means "
                  + "need at least one sample of each. Add standardised features of both the "
                  + "target and the other source before fitting.",
              positives.count(), negatives.count()));
    }
  }
}
