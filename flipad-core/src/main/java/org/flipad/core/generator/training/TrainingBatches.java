package org.flipad.core.generator.training;

/** Real images for training, served in shuffled batches reproducible for a seed and epoch. */
public interface TrainingBatches {

  /** Full batches per epoch (an incomplete last batch is dropped). */
  int batchesPerEpoch(int batchSize);

  /**
   * Batch {@code index} of epoch {@code epoch}'s permutation drawn from {@code seed}.
   *
   * @return [batchSize·784] float32 in [−1, 1], images 1×28×28 one after the other
   */
  float[] batch(long seed, int epoch, int index, int batchSize);
}
