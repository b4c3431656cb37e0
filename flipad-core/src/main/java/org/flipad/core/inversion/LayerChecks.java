package org.flipad.core.inversion;

import java.util.Arrays;

/** Validation shared by the final-layer records; messages name the layer, the value and the fix. */
final class LayerChecks {

  private LayerChecks() {}

  static void requireLength(String what, float[] values, int expected, String shapeText) {
    if (values == null) {
      throw new IllegalArgumentException(what + " is missing; expected " + shapeText + ".");
    }
    if (values.length != expected) {
      throw new IllegalArgumentException(
          what
              + " has "
              + values.length
              + " values; expected "
              + expected
              + " for shape "
              + shapeText
              + ". Check that the weights match the layer description.");
    }
  }

  static void requireFinite(String what, float[] values) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(
            what
                + " holds a non-finite value ("
                + values[i]
                + ") at flat index "
                + i
                + ". A layer with NaN or infinite weights cannot be inverted; re-export it.");
      }
    }
  }

  /** Checks a weight tensor's length against its shape, and its finiteness. */
  static void requireWeight(String layer, int[] weightShape, float[] weight) {
    int expected = 1;
    for (int d : weightShape) {
      expected = Math.multiplyExact(expected, d);
    }
    requireLength(layer + " weight", weight, expected, Arrays.toString(weightShape));
    requireFinite(layer + " weight", weight);
  }

  /** Checks an optional bias: one finite value per output channel. */
  static void requireBias(String layer, float[] biasOrNull, int outChannels) {
    if (biasOrNull != null) {
      requireLength(layer + " bias", biasOrNull, outChannels, "[" + outChannels + "]");
      requireFinite(layer + " bias", biasOrNull);
    }
  }

  static void requirePositiveOutput(String layer, TensorShape in, int outHeight, int outWidth) {
    if (outHeight <= 0 || outWidth <= 0) {
      throw new IllegalArgumentException(
          layer
              + " maps input "
              + in
              + " to an empty output ("
              + outHeight
              + "×"
              + outWidth
              + "). Check the input size, kernel, stride and padding.");
    }
  }
}
