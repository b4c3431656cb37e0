package org.flipad.core.data.perturbation;

/**
 * A separable 2-D convolution of an H×W double plane with one odd-length 1-D kernel applied along
 * rows and then along columns, with edge pixels replicated (clamp-to-edge padding).
 */
public final class SeparableFilter {
  private SeparableFilter() {}

  /**
   * The normalised 1-D Gaussian kernel {@code w_i ∝ exp(−i² / (2σ²))} for {@code i = −r..r}, {@code
   * r = (size − 1)/2}, summing to 1 (as torchvision's {@code _get_gaussian_kernel1d}).
   *
   * @param size odd length ≥ 1
   * @param sigma standard deviation in pixels, &gt; 0
   * @return {@code size} weights
   * @throws IllegalArgumentException when the size is even or not positive, or σ is not positive
   */
  public static double[] gaussianKernel(int size, double sigma) {
    if (size < 1 || size % 2 == 0) {
      throw new IllegalArgumentException(
          "Kernel size is " + size + "; expected an odd number ≥ 1 such as 3.");
    }
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException(
          "Gaussian σ is " + sigma + " px; expected a finite value > 0 such as 3.");
    }
    int r = size / 2;
    double[] kernel = new double[size];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      kernel[i + r] = Math.exp(-(double) i * i / (2 * sigma * sigma));
      sum += kernel[i + r];
    }
    for (int i = 0; i < size; i++) {
      kernel[i] /= sum;
    }
    return kernel;
  }

  /**
   * Filters a plane: {@code out = K_cols * (K_rows * plane)} with clamp-to-edge padding.
   *
   * @param plane H×W values, row-major; not modified
   * @param height rows H
   * @param width columns W
   * @param kernel odd-length 1-D kernel, used along both axes
   * @return the filtered H×W plane, row-major
   */
  public static double[] apply(double[] plane, int height, int width, double[] kernel) {
    if (plane.length != height * width || kernel.length % 2 == 0) {
      throw new IllegalArgumentException(
          "Plane has "
              + plane.length
              + " values for "
              + height
              + "×"
              + width
              + " and the kernel "
              + kernel.length
              + " taps; expected H·W values and an odd kernel length.");
    }
    double[] rows = pass(plane, height, width, kernel, 1, width);
    return pass(rows, width, height, kernel, width, 1);
  }

  /**
   * One 1-D pass. The plane holds {@code lines} lines of {@code length} samples; sample {@code j}
   * of line {@code l} sits at {@code l · lineStride + j · step}.
   */
  private static double[] pass(
      double[] in, int lines, int length, double[] kernel, int step, int lineStride) {
    double[] out = new double[in.length];
    int r = kernel.length / 2;
    for (int l = 0; l < lines; l++) {
      int base = l * lineStride;
      for (int j = 0; j < length; j++) {
        double sum = 0;
        for (int t = -r; t <= r; t++) {
          int k = Math.max(0, Math.min(length - 1, j + t));
          sum += kernel[t + r] * in[base + k * step];
        }
        out[base + j * step] = sum;
      }
    }
    return out;
  }
}
