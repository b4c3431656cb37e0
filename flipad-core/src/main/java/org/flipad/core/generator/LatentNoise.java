package org.flipad.core.generator;

import java.util.SplittableRandom;

/** Draws latent codes z ~ N(0, I) from a caller-owned seeded stream. */
public final class LatentNoise {
  private LatentNoise() {}

  /**
   * Draws {@code count} codes of length {@code size}, row after row, each value one {@code
   * nextGaussian()} of {@code random}, so a seed fixes the codes bit for bit.
   *
   * @return [count][size] float32
   */
  public static float[][] draw(SplittableRandom random, int count, int size) {
    if (count < 1) {
      throw new IllegalArgumentException(
          "Asked for " + count + " latent codes; expected at least 1.");
    }
    if (size < 1) {
      throw new IllegalArgumentException("Latent size is " + size + "; expected at least 1.");
    }
    float[][] z = new float[count][size];
    for (float[] row : z) {
      for (int j = 0; j < size; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    return z;
  }
}
