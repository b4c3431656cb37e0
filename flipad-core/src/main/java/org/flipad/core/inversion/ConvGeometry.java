package org.flipad.core.inversion;

/**
 * Square kernel size, stride and symmetric zero padding of a 2-D (transposed) convolution, as in
 * PyTorch's {@code Conv2d} and {@code ConvTranspose2d} (dilation 1, groups 1, no output padding).
 */
public record ConvGeometry(int kernel, int stride, int padding) {

  /** Validates kernel ≥ 1, stride ≥ 1 and 0 ≤ padding < kernel. */
  public ConvGeometry {
    if (kernel < 1 || stride < 1 || padding < 0 || padding >= kernel) {
      throw new IllegalArgumentException(
          "Convolution geometry kernel="
              + kernel
              + ", stride="
              + stride
              + ", padding="
              + padding
              + " is not supported; expected kernel ≥ 1, stride ≥ 1 and 0 ≤ padding < kernel.");
    }
  }

  /** Output length of a convolution over an input of length {@code n}: ⌊(n + 2p − k)/s⌋ + 1. */
  public int convOutput(int n) {
    return Math.floorDiv(n + 2 * padding - kernel, stride) + 1;
  }

  /**
   * Output length of a transposed convolution over an input of length {@code n}: (n−1)s − 2p + k.
   */
  public int transposedOutput(int n) {
    return (n - 1) * stride - 2 * padding + kernel;
  }
}
