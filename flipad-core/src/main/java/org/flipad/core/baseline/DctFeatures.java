package org.flipad.core.baseline;

import org.flipad.core.data.Image8;
import org.flipad.core.data.PixelScaling;

/**
 * DCTPAD's features: per channel, {@code log(|DCT-II(x)| + 1e-10)} of the image in the model range
 * {@code x = 2k/255 − 1} ({@link PixelScaling}), with the orthonormal 2-D DCT-II of {@link Dct2}.
 *
 * <p>The reference then standardises every feature over the training images of both classes (target
 * and other); that is the caller's job, not this class's.
 */
public final class DctFeatures {

  /** Added to the magnitude before the logarithm, as in the reference. */
  public static final double EPSILON = 1e-10;

  private DctFeatures() {}

  /**
   * Computes the log-magnitude spectrum of every channel.
   *
   * @param image 1 or 3 channels, any size
   * @return {@code [C, H, W]} float32, C order: {@code log(|X_c[u, v]| + 1e-10)} at {@code (c, u,
   *     v)}
   */
  public static float[] of(Image8 image) {
    int n = image.area();
    Dct2 dct = new Dct2(image.height(), image.width());
    double[] x = PixelScaling.toUnitRange(image.pixels());
    float[] out = new float[x.length];
    double[] plane = new double[n];
    for (int c = 0; c < image.channels(); c++) {
      System.arraycopy(x, c * n, plane, 0, n);
      double[] coefficients = dct.forward(plane);
      for (int i = 0; i < n; i++) {
        out[c * n + i] = (float) Math.log(Math.abs(coefficients[i]) + EPSILON);
      }
    }
    return out;
  }
}
