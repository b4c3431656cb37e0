package org.flipad.core.attribution;

/**
 * Sizes and seeds of one FLIPAD detector build (see {@link FlipadDetectorBuilder}).
 *
 * <p>The paper trains on 10,000 + 10,000 images for 50 epochs; {@link #defaults()} is far smaller
 * so that a build finishes in minutes on two cores, which is what a serving pipeline retraining per
 * model needs. The settings are stored in the bundle either way.
 *
 * @param train target images sampled for training, and the most negatives used for training; ≥ 2
 * @param validation held-out target images for the thresholds, and the most held-out negatives for
 *     the validation AUROC; ≥ 1
 * @param epochs DeepSAD epochs ≥ 1; the learning rate drops × 0.1 after half of them
 * @param seed the base seed: target draws, the negatives' shuffle, ā and DeepSAD derive from it
 * @param inversion λ and the solver's stopping rule, used again when the bundle is served
 */
public record FlipadDetectorSettings(
    int train, int validation, int epochs, long seed, InversionSettings inversion) {

  /** Validates the counts. */
  public FlipadDetectorSettings {
    if (train < 2 || validation < 1 || epochs < 1) {
      throw new IllegalArgumentException(
          String.format(
              "A FLIPAD detector needs ≥ 2 training images, ≥ 1 validation image and ≥ 1 epoch;"
                  + " got %d, %d and %d. Raise the counts.",
              train, validation, epochs));
    }
    if (inversion == null) {
      throw new IllegalArgumentException(
          "FLIPAD detector settings need inversion settings; start from"
              + " FlipadDetectorSettings.defaults().");
    }
  }

  /** The cap on coordinate-descent epochs per image of {@link #defaults()}. */
  public static final int DEFAULT_MAX_EPOCHS = 200;

  /**
   * 1,000 training and 200 validation images per class, 10 epochs, seed 1, λ 5e-4 and relative gap
   * 1e-3 capped at {@value #DEFAULT_MAX_EPOCHS} epochs per image: a few minutes on two cores for a
   * 28×28 generator. The cap is what bounds the time: real images are far from the generator's
   * range and rarely certify in thousands of epochs (docs/inversion.md measured 0.6–1.2 s per
   * image), and since serving inverts with the same stored settings, training and serving features
   * stay consistent either way.
   */
  public static FlipadDetectorSettings defaults() {
    InversionSettings inversion =
        new InversionSettings(
            InversionSettings.REFERENCE_LAMBDA,
            1e-3,
            DEFAULT_MAX_EPOCHS,
            Runtime.getRuntime().availableProcessors());
    return new FlipadDetectorSettings(1_000, 200, 10, 1, inversion);
  }

  /** A copy with other image counts. */
  public FlipadDetectorSettings withSizes(int newTrain, int newValidation) {
    return new FlipadDetectorSettings(newTrain, newValidation, epochs, seed, inversion);
  }

  /** A copy with another number of DeepSAD epochs. */
  public FlipadDetectorSettings withEpochs(int newEpochs) {
    return new FlipadDetectorSettings(train, validation, newEpochs, seed, inversion);
  }

  /** A copy with another base seed. */
  public FlipadDetectorSettings withSeed(long newSeed) {
    return new FlipadDetectorSettings(train, validation, epochs, newSeed, inversion);
  }

  /** A copy with other inversion settings. */
  public FlipadDetectorSettings withInversion(InversionSettings newInversion) {
    return new FlipadDetectorSettings(train, validation, epochs, seed, newInversion);
  }
}
