package org.flipad.core.generator.training;

import java.util.SplittableRandom;

/** Deterministic stand-in pixels in [−1, 1] for training-loop tests (no dataset needed). */
final class RandomBatches implements TrainingBatches {

  private final int images;

  RandomBatches(int images) {
    this.images = images;
  }

  @Override
  public int batchesPerEpoch(int batchSize) {
    return images / batchSize;
  }

  @Override
  public float[] batch(long seed, int epoch, int index, int batchSize) {
    SplittableRandom random = new SplittableRandom(seed * 31 + epoch * 7919L + index);
    float[] pixels = new float[batchSize * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) (2 * random.nextDouble() - 1);
    }
    return pixels;
  }
}
