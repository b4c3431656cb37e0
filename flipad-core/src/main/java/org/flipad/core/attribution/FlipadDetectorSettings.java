package org.flipad.core.attribution;

import org.flipad.core.detector.DeepSadArchitecture;
import org.flipad.core.detector.DeepSadSettings;

/**
 * Sizes, network and seeds of one FLIPAD detector build (see {@link FlipadDetectorBuilder}).
 *
 * @param train target images sampled for training, and negatives drawn for training over the bank
 *     (balanced classes); ≥ 2
 * @param validation held-out target images for the thresholds, and the most held-out images per
 *     negative source for the validation; ≥ 1
 * @param epochs DeepSAD epochs ≥ 1; the learning rate drops × 0.1 after half of them
 * @param seed the base seed: target draws, each negative source's draws, ā and DeepSAD derive from
 *     it
 * @param inversion the inversion recipe and its constants, used again when the bundle is served
 * @param network DeepSAD's network φ
 * @param batchSize DeepSAD's batch size, ≥ 2
 * @param pixelCompanion also train a pixel detector and serve the fused score ({@link
 *     PixelCompanion})
 * @param freshDraws train FLIPAD's DeepSAD on new draws of the target and of the bank's generators
 *     in every epoch after the first ({@link EpochDraws}); real images, a finite pool whose
 *     held-out part must stay unseen, are the same every epoch
 */
public record FlipadDetectorSettings(
    int train,
    int validation,
    int epochs,
    long seed,
    InversionSettings inversion,
    DeepSadArchitecture network,
    int batchSize,
    boolean pixelCompanion,
    boolean freshDraws) {

  /** Validates the counts. */
  public FlipadDetectorSettings {
    if (train < 2 || validation < 1 || epochs < 1 || batchSize < 2) {
      throw new IllegalArgumentException(
          String.format(
              "A FLIPAD detector needs ≥ 2 training images, ≥ 1 validation image, ≥ 1 epoch and a"
                  + " batch of ≥ 2; got %d, %d, %d and %d. Raise the counts.",
              train, validation, epochs, batchSize));
    }
    if (inversion == null || network == null) {
      throw new IllegalArgumentException(
          "FLIPAD detector settings need inversion settings and a network; start from"
              + " FlipadDetectorSettings.defaults().");
    }
  }

  /** Settings drawing the training images once. */
  public FlipadDetectorSettings(
      int train,
      int validation,
      int epochs,
      long seed,
      InversionSettings inversion,
      DeepSadArchitecture network,
      int batchSize,
      boolean pixelCompanion) {
    this(train, validation, epochs, seed, inversion, network, batchSize, pixelCompanion, false);
  }

  /** Settings with a pixel companion. */
  public FlipadDetectorSettings(
      int train,
      int validation,
      int epochs,
      long seed,
      InversionSettings inversion,
      DeepSadArchitecture network,
      int batchSize) {
    this(train, validation, epochs, seed, inversion, network, batchSize, true);
  }

  /** Legacy constructor: the LeNet network in batches of {@link DeepSadSettings#FEATURE_BATCH}. */
  public FlipadDetectorSettings(
      int train, int validation, int epochs, long seed, InversionSettings inversion) {
    this(
        train,
        validation,
        epochs,
        seed,
        inversion,
        DeepSadArchitecture.LENET,
        DeepSadSettings.FEATURE_BATCH);
  }

  /**
   * The product's recipe: minimum-norm inversion, the paper's DeepSAD network in batches of 128 for
   * 50 epochs (α × 0.1 after 25) with a pixel companion, 2,000 target and 2,000 negative training
   * images, 1,000 validation images, seed 1.
   */
  public static FlipadDetectorSettings defaults() {
    return new FlipadDetectorSettings(
        2_000, 1_000, 50, 1, InversionSettings.defaults(), DeepSadArchitecture.PAPER, 128);
  }

  /** The DeepSAD settings of this build, with DeepSAD's own seed. */
  public DeepSadSettings deepSad(long deepSadSeed) {
    return DeepSadSettings.defaults(deepSadSeed)
        .withArchitecture(network)
        .withEpochs(epochs, Math.max(1, epochs / 2))
        .withBatchSize(batchSize);
  }

  /** A copy with other image counts. */
  public FlipadDetectorSettings withSizes(int newTrain, int newValidation) {
    return new FlipadDetectorSettings(
        newTrain,
        newValidation,
        epochs,
        seed,
        inversion,
        network,
        batchSize,
        pixelCompanion,
        freshDraws);
  }

  /** A copy with another number of DeepSAD epochs. */
  public FlipadDetectorSettings withEpochs(int newEpochs) {
    return new FlipadDetectorSettings(
        train,
        validation,
        newEpochs,
        seed,
        inversion,
        network,
        batchSize,
        pixelCompanion,
        freshDraws);
  }

  /** A copy with another base seed. */
  public FlipadDetectorSettings withSeed(long newSeed) {
    return new FlipadDetectorSettings(
        train,
        validation,
        epochs,
        newSeed,
        inversion,
        network,
        batchSize,
        pixelCompanion,
        freshDraws);
  }

  /** A copy with other inversion settings. */
  public FlipadDetectorSettings withInversion(InversionSettings newInversion) {
    return new FlipadDetectorSettings(
        train,
        validation,
        epochs,
        seed,
        newInversion,
        network,
        batchSize,
        pixelCompanion,
        freshDraws);
  }

  /** A copy with another DeepSAD network and batch size. */
  public FlipadDetectorSettings withNetwork(DeepSadArchitecture newNetwork, int newBatchSize) {
    return new FlipadDetectorSettings(
        train,
        validation,
        epochs,
        seed,
        inversion,
        newNetwork,
        newBatchSize,
        pixelCompanion,
        freshDraws);
  }

  /** A copy with or without a pixel companion. */
  public FlipadDetectorSettings withPixelCompanion(boolean companion) {
    return new FlipadDetectorSettings(
        train, validation, epochs, seed, inversion, network, batchSize, companion, freshDraws);
  }

  /** A copy drawing fresh training images every epoch, or once. */
  public FlipadDetectorSettings withFreshDraws(boolean fresh) {
    return new FlipadDetectorSettings(
        train, validation, epochs, seed, inversion, network, batchSize, pixelCompanion, fresh);
  }

  /** The pixel companion's DeepSAD settings: this build's, on the small LeNet network. */
  public DeepSadSettings pixelDeepSad(long deepSadSeed) {
    return deepSad(deepSadSeed).withArchitecture(DeepSadArchitecture.LENET);
  }
}
