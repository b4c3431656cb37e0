package org.flipad.core.io;

import java.nio.ByteBuffer;

/** Converts little-endian element bytes of any {@link NpyDType} to Java float or double values. */
final class NpyValues {
  private NpyValues() {}

  /**
   * Decodes {@code into.length} elements from {@code src} at its position, advancing it.
   *
   * @param src little-endian bytes
   * @param dtype the element type of {@code src}
   * @param into receives the values; int64 beyond ±2^53 loses precision
   */
  static void decode(ByteBuffer src, NpyDType dtype, double[] into) {
    switch (dtype) {
      case FLOAT32 -> {
        for (int i = 0; i < into.length; i++) {
          into[i] = src.getFloat();
        }
      }
      case FLOAT64 -> src.asDoubleBuffer().get(into);
      case UINT8 -> {
        for (int i = 0; i < into.length; i++) {
          into[i] = Byte.toUnsignedInt(src.get());
        }
      }
      case INT32 -> {
        for (int i = 0; i < into.length; i++) {
          into[i] = src.getInt();
        }
      }
      case INT64 -> {
        for (int i = 0; i < into.length; i++) {
          into[i] = src.getLong();
        }
      }
    }
  }

  /**
   * Decodes {@code into.length} elements from {@code src} at its position, advancing it.
   *
   * @param src little-endian bytes
   * @param dtype the element type of {@code src}
   * @param into receives the values, rounded to nearest float for float64, int32 and int64
   */
  static void decode(ByteBuffer src, NpyDType dtype, float[] into) {
    if (dtype == NpyDType.FLOAT32) {
      src.asFloatBuffer().get(into);
      return;
    }
    double[] wide = new double[into.length];
    decode(src, dtype, wide);
    for (int i = 0; i < into.length; i++) {
      into[i] = (float) wide[i];
    }
  }
}
