package org.flipad.streams.control;

import org.flipad.core.detector.DeepSadArchitecture;

/**
 * How the trainer builds a RETRAIN's detector when the command leaves a choice open, and its
 * quality gate.
 *
 * <p>The defaults keep a RETRAIN practical on a 2-core machine without a GPU while training the
 * product's network: 1,000 target and 1,000 negative training images, 200 validation images, 10
 * epochs of the paper's DeepSAD network in batches of 128 (about 15 s per epoch per 2,000 images
 * there, so 2 to 3 minutes of training plus the inversions and the gate). The product recipe
 * ({@code FlipadDetectorSettings.defaults()}: 2,000 images, 50 epochs) takes over ten minutes of
 * training on such a machine; a command asks for it with its own counts and epochs.
 *
 * @param train training images per class when the command gives none, ≥ 2
 * @param validation validation images when the command gives none, ≥ 1
 * @param epochs DeepSAD epochs when the command gives none, ≥ 1
 * @param network DeepSAD's network (the command has no field for it)
 * @param batchSize DeepSAD's batch size, ≥ 2
 * @param negatives the negative bank when the command gives no {@code negativesDatasetUri}, in its
 *     syntax (see {@link RetrainBank})
 * @param gate the quality gate
 */
public record RetrainSettings(
    int train,
    int validation,
    int epochs,
    DeepSadArchitecture network,
    int batchSize,
    String negatives,
    QualityGateSettings gate) {

  /** The default negative bank: the shipped real images and every other registered generator. */
  public static final String DEFAULT_NEGATIVES = RetrainBank.SUBSET + "," + RetrainBank.REGISTERED;

  /** Validates the fields. */
  public RetrainSettings {
    if (train < 2 || validation < 1 || epochs < 1 || batchSize < 2) {
      throw new IllegalArgumentException(
          String.format(
              "RETRAIN defaults need ≥ 2 training images, ≥ 1 validation image, ≥ 1 epoch and a"
                  + " batch of ≥ 2; got %d, %d, %d and %d. Raise them.",
              train, validation, epochs, batchSize));
    }
    if (network == null || gate == null || negatives == null || negatives.isBlank()) {
      throw new IllegalArgumentException(
          "RETRAIN settings need a network, a negative bank and gate settings; start from"
              + " RetrainSettings.defaults().");
    }
  }

  /** See the class comment. */
  public static RetrainSettings defaults() {
    return new RetrainSettings(
        1_000,
        200,
        10,
        DeepSadArchitecture.PAPER,
        128,
        DEFAULT_NEGATIVES,
        QualityGateSettings.defaults());
  }

  /** A copy with another DeepSAD network and batch size. */
  public RetrainSettings withNetwork(DeepSadArchitecture newNetwork, int newBatchSize) {
    return new RetrainSettings(
        train, validation, epochs, newNetwork, newBatchSize, negatives, gate);
  }

  /** A copy with another quality gate. */
  public RetrainSettings withGate(QualityGateSettings newGate) {
    return new RetrainSettings(train, validation, epochs, network, batchSize, negatives, newGate);
  }
}
