package org.flipad.core.generator.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic stand-in pixels in [−1, 1] for training-loop tests (no dataset needed). */
final class RandomBatches {
  private RandomBatches() {}

  /** The k batches of step {@code step}: the same arguments give the same pixels. */
  static List<float[]> forStep(GanTrainingRun run, int batchSize, int step) {
    SplittableRandom random = new SplittableRandom(1_000 + step);
    List<float[]> batches = new ArrayList<>();
    for (int k = 0; k < run.adversaryStepsPerGeneratorStep(); k++) {
      float[] pixels = new float[batchSize * 784];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (float) (2 * random.nextDouble() - 1);
      }
      batches.add(pixels);
    }
    return batches;
  }
}
