package org.flipad.core.data.perturbation;

import java.util.Arrays;
import java.util.Random;
import org.flipad.core.data.Image8;

/** Small synthetic images for the perturbation tests. */
final class PerturbationTestImages {
  private PerturbationTestImages() {}

  /** Every value equal to {@code value}. */
  static Image8 constant(int channels, int size, int value) {
    byte[] pixels = new byte[channels * size * size];
    Arrays.fill(pixels, (byte) value);
    return new Image8(channels, size, size, pixels);
  }

  /** A smooth pattern plus seeded uniform texture of ±{@code amplitude} levels. */
  static Image8 textured(int channels, int size, int amplitude, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[channels * size * size];
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          double smooth = 128 + 60 * Math.sin((x + 2 * y + 7 * c) / 5.0);
          int v = (int) Math.round(smooth + random.nextInt(2 * amplitude + 1) - amplitude);
          pixels[(c * size + y) * size + x] = (byte) Math.max(0, Math.min(255, v));
        }
      }
    }
    return new Image8(channels, size, size, pixels);
  }

  /** Mean absolute difference of two same-shape images, in 8-bit levels. */
  static double meanAbsDifference(Image8 a, Image8 b) {
    double sum = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      sum += Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF));
    }
    return sum / a.pixels().length;
  }
}
