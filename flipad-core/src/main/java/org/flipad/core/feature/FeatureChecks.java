package org.flipad.core.feature;

import java.util.Objects;

/** Shared input checks for samples and batches; every message names the problem and the fix. */
final class FeatureChecks {

  private FeatureChecks() {}

  /**
   * Checks that {@code sample} is one finite sample of {@code shape}.
   *
   * @param role what the array is, for the message (e.g. "Sample to standardise")
   */
  static void requireSample(FeatureShape shape, float[] sample, String role) {
    Objects.requireNonNull(sample, () -> role + " is null; pass a float[] of shape " + shape);
    if (sample.length != shape.size()) {
      throw new IllegalArgumentException(
          String.format(
              "%s has %d values; expected %d for one %s (C×H×W) sample in C order. "
                  + "Pass a sample of the shape this stage was built for.",
              role, sample.length, shape.size(), shape));
    }
    requireFinite(shape, sample, 0, role);
  }

  /**
   * Checks that {@code batch} is N finite samples of {@code shape}, [N, C, H, W] in C order.
   *
   * @return N, the number of samples in the batch
   */
  static int requireBatch(FeatureShape shape, float[] batch, String role) {
    Objects.requireNonNull(batch, () -> role + " is null; pass a [N, " + shape + "] float[]");
    if (batch.length % shape.size() != 0) {
      throw new IllegalArgumentException(
          String.format(
              "%s has %d values, not a multiple of %d (one %s sample). "
                  + "Pass a [N, C, H, W] batch flattened in C order.",
              role, batch.length, shape.size(), shape));
    }
    int n = batch.length / shape.size();
    for (int i = 0; i < n; i++) {
      requireFinite(shape, batch, i * shape.size(), role + " sample " + i);
    }
    return n;
  }

  /** Checks that the sample of {@code shape} starting at {@code offset} holds no NaN or ±∞. */
  static void requireFinite(FeatureShape shape, float[] values, int offset, String role) {
    for (int i = 0; i < shape.size(); i++) {
      float v = values[offset + i];
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(
            String.format(
                "%s holds %s at index %d (%s); features must be finite. "
                    + "Check the inversion that produced it (e.g. a diverging solver step) "
                    + "and recompute or drop the sample.",
                role, v, i, position(shape, i)));
      }
    }
  }

  /** Describes a C-order index as "channel c, row h, column w". */
  static String position(FeatureShape shape, int index) {
    int plane = shape.planeSize();
    int channel = index / plane;
    int row = (index % plane) / shape.width();
    int column = index % shape.width();
    return "channel " + channel + ", row " + row + ", column " + column;
  }
}
