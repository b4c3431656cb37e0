package org.flipad.core.generator;

import java.util.Arrays;

/** Converts between a batch as Java rows ([N][size]) and the flat C-order array an engine takes. */
public final class BatchRows {
  private BatchRows() {}

  /**
   * Flattens latent codes row after row.
   *
   * @param z [N][latentSize], N ≥ 1
   * @throws IllegalArgumentException when there are no codes or a code has the wrong length
   */
  public static float[] flattenLatent(float[][] z, int latentSize) {
    if (z.length < 1) {
      throw new IllegalArgumentException(
          "No latent codes given; expected [N][" + latentSize + "] with N ≥ 1.");
    }
    float[] flat = new float[z.length * latentSize];
    for (int i = 0; i < z.length; i++) {
      if (z[i].length != latentSize) {
        throw new IllegalArgumentException(
            "Latent code "
                + i
                + " has "
                + z[i].length
                + " values; the generator expects "
                + latentSize
                + " (its latent size). Draw z with LatentNoise.draw.");
      }
      System.arraycopy(z[i], 0, flat, i * latentSize, latentSize);
    }
    return flat;
  }

  /**
   * Splits a flat batch into rows.
   *
   * @param flat [count·size], C order
   * @return [count][size]
   */
  public static float[][] split(float[] flat, int count, int size) {
    float[][] rows = new float[count][];
    for (int i = 0; i < count; i++) {
      rows[i] = Arrays.copyOfRange(flat, i * size, (i + 1) * size);
    }
    return rows;
  }
}
