package org.flipad.core.generator.training;

/**
 * One training run.
 *
 * @param architecture the recipe
 * @param seed fixes initial weights, noise, interpolation weights and the data order
 * @param epochs passes of the adversary over the training images, ≥ 1
 * @param batchSize images per step, ≥ 2 (the pull-away term and BatchNorm need two)
 */
public record GanTrainingSettings(
    GanArchitecture architecture, long seed, int epochs, int batchSize) {

  /** Validates the counts. */
  public GanTrainingSettings {
    if (epochs < 1) {
      throw new IllegalArgumentException("Epochs are " + epochs + "; expected at least 1.");
    }
    if (batchSize < 2) {
      throw new IllegalArgumentException(
          "Batch size is " + batchSize + "; expected at least 2 (BatchNorm needs two samples).");
    }
  }

  /** Batch 64, as DCGAN. */
  public static GanTrainingSettings defaults(GanArchitecture architecture, long seed, int epochs) {
    return new GanTrainingSettings(architecture, seed, epochs, 64);
  }

  /** The stream seed of one epoch, so an epoch's noise does not depend on earlier epochs. */
  long epochSeed(int epoch) {
    return seed * 0x9E3779B97F4A7C15L + epoch;
  }
}
