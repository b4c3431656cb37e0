package org.flipad.core.baseline;

import org.flipad.core.data.Image8;
import org.flipad.core.data.perturbation.SeparableFilter;

/**
 * The noise residual of an image for the fingerprint baseline: {@code r = g − D(g)} on the grey
 * plane {@code g} in [0, 1], made zero-mean along every row and every column.
 *
 * <p>Grey: one-channel images use {@code k/255}; RGB uses {@code (0.299 R + 0.587 G + 0.114 B)/255}
 * in double (BT.601, not rounded to 8 bits).
 *
 * <p>Denoiser {@code D}: a 3×3 Gaussian filter with σ {@value #DENOISER_SIGMA} px and edge pixels
 * replicated. <b>Deviation from the reference</b>, which uses a db4 4-level wavelet denoiser and
 * then a Wiener filter in the DFT domain (Marra et al.): a Gaussian high-pass keeps the same
 * pixel-level content the fingerprint is made of, is linear and needs no wavelet or FFT code; the
 * cost is that strong edges leak more into the residual and periodic (peaky) spectral components
 * are not suppressed, so scores are not numerically comparable with the reference's.
 *
 * <p>Zero-mean: each row's mean is subtracted, then each column's mean, as the PRNU code's {@code
 * zero_mean} does; afterwards every row and column sums to zero.
 */
public final class NoiseResidual {

  /** Standard deviation of the 3×3 Gaussian denoiser, in pixels. */
  public static final double DENOISER_SIGMA = 1.0;

  private static final double[] KERNEL = SeparableFilter.gaussianKernel(3, DENOISER_SIGMA);

  private NoiseResidual() {}

  /**
   * Computes the residual.
   *
   * @param image 1 or 3 channels, any size
   * @return {@code [H, W]} float64, row-major, rows and columns zero-mean
   */
  public static double[] of(Image8 image) {
    double[] grey = grey(image);
    double[] denoised = SeparableFilter.apply(grey, image.height(), image.width(), KERNEL);
    for (int i = 0; i < grey.length; i++) {
      grey[i] -= denoised[i];
    }
    zeroMean(grey, image.height(), image.width());
    return grey;
  }

  private static double[] grey(Image8 image) {
    int n = image.area();
    byte[] p = image.pixels();
    double[] grey = new double[n];
    for (int i = 0; i < n; i++) {
      grey[i] =
          image.channels() == 1
              ? (p[i] & 0xFF) / 255.0
              : (0.299 * (p[i] & 0xFF) + 0.587 * (p[n + i] & 0xFF) + 0.114 * (p[2 * n + i] & 0xFF))
                  / 255.0;
    }
    return grey;
  }

  /** Subtracts each row's mean, then each column's mean, in place. */
  static void zeroMean(double[] plane, int height, int width) {
    for (int y = 0; y < height; y++) {
      double mean = 0;
      for (int x = 0; x < width; x++) {
        mean += plane[y * width + x];
      }
      mean /= width;
      for (int x = 0; x < width; x++) {
        plane[y * width + x] -= mean;
      }
    }
    for (int x = 0; x < width; x++) {
      double mean = 0;
      for (int y = 0; y < height; y++) {
        mean += plane[y * width + x];
      }
      mean /= height;
      for (int y = 0; y < height; y++) {
        plane[y * width + x] -= mean;
      }
    }
  }
}
