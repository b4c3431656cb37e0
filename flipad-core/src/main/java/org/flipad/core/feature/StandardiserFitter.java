package org.flipad.core.feature;

import java.util.Objects;

/**
 * Fits a {@link Standardiser} from the target's training features in one streaming pass.
 *
 * <p>Welford's algorithm per element, in double: the fitter holds a mean and a sum of squared
 * deviations of C·H·W doubles each and a count, whatever the number of samples, so features can be
 * streamed from disk. Samples are taken one at a time or as [N, C, H, W] batches. Feed it only the
 * target's features (FLIPAD.md section 3 step 2); the same μ and σ are then applied to everything.
 * Not thread-safe: use one fitter per thread.
 */
public final class StandardiserFitter {

  private final StandardiserSettings settings;
  private final RunningMoments moments;

  /**
   * Creates an empty fitter.
   *
   * @param shape the C×H×W of every sample it will see
   * @param settings ε for the standardiser it fits
   */
  public StandardiserFitter(FeatureShape shape, StandardiserSettings settings) {
    this.moments = new RunningMoments(Objects.requireNonNull(shape, "shape"));
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Adds one target sample, [C, H, W] float32 in C order, finite. */
  public void add(float[] sample) {
    moments.add(sample, "Target sample");
  }

  /** Adds a batch of target samples, [N, C, H, W] float32 in C order, finite. */
  public void addBatch(float[] batch) {
    moments.addBatch(batch, "Target batch");
  }

  /** Adds every sample of {@code samples}, each [C, H, W] float32 in C order. */
  public void addAll(Iterable<float[]> samples) {
    for (float[] sample : samples) {
      add(sample);
    }
  }

  /** Returns the number of samples added so far. */
  public long count() {
    return moments.count();
  }

  /**
   * Returns the standardiser with the running mean μ and the unbiased σ (denominator n − 1).
   *
   * @throws IllegalStateException if fewer than 2 samples were added
   */
  public Standardiser fit() {
    if (moments.count() < 2) {
      throw new IllegalStateException(
          String.format(
              "Cannot fit a standardiser on %d target sample(s): the unbiased standard deviation "
                  + "needs at least 2. Add more target training features before calling fit().",
              moments.count()));
    }
    return new Standardiser(
        moments.shape(),
        moments.count(),
        settings.epsilon(),
        moments.mean(),
        moments.unbiasedStd());
  }
}
