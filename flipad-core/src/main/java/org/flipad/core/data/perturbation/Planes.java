package org.flipad.core.data.perturbation;

import org.flipad.core.data.Image8;

/** Moves one channel of an {@link Image8} to a double plane and back with rounding. */
final class Planes {
  private Planes() {}

  /** Channel {@code c} as an H×W row-major plane of values 0..255. */
  static double[] channel(Image8 image, int c) {
    int n = image.area();
    double[] plane = new double[n];
    byte[] pixels = image.pixels();
    for (int i = 0; i < n; i++) {
      plane[i] = pixels[c * n + i] & 0xFF;
    }
    return plane;
  }

  /** Writes a 0..255-scale plane into channel {@code c} of {@code out}, halves up, clamped. */
  static void store(double[] plane, byte[] out, int c) {
    int offset = c * plane.length;
    for (int i = 0; i < plane.length; i++) {
      out[offset + i] = (byte) toByte(plane[i]);
    }
  }

  /** {@code clamp(round(v), 0, 255)}, halves rounded up. */
  static int toByte(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
