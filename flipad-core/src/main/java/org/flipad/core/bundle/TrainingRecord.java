package org.flipad.core.bundle;

import java.util.List;

/**
 * How a bundled generator was trained, for its manifest.
 *
 * @param recipe training recipe id (dcgan, wgan-gp, lsgan, ebgan)
 * @param seed the training seed
 * @param epochs epochs trained in total
 * @param batchSize images per step
 * @param data where the training images came from (e.g. "Fashion-MNIST train, /usr/share/...")
 * @param trainingImages how many images
 * @param dataSha256 digest of the image file(s) read
 * @param commandLine the full command line that trained it
 * @param trainingSeconds wall time of the training call(s) that produced the weights
 * @param epochLosses per epoch: [adversary loss, generator loss, images per second]
 */
public record TrainingRecord(
    String recipe,
    long seed,
    int epochs,
    int batchSize,
    String data,
    int trainingImages,
    String dataSha256,
    String commandLine,
    double trainingSeconds,
    List<double[]> epochLosses) {

  /** Copies the list. */
  public TrainingRecord {
    epochLosses = List.copyOf(epochLosses);
  }
}
