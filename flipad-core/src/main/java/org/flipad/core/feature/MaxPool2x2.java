package org.flipad.core.feature;

/**
 * Spatial 2×2 max-pool with stride 2 and no padding, per channel (FLIPAD.md section 3 step 1, used
 * for LSGAN's 64×64×64 features).
 *
 * <p>An input C×H×W becomes C×⌊H/2⌋×⌊W/2⌋: with an odd size the last row or column is dropped, as
 * PyTorch's {@code max_pool2d(x, 2)} does by default ({@code ceil_mode=false}).
 */
public final class MaxPool2x2 {

  private MaxPool2x2() {}

  /**
   * Returns the pooled shape C×⌊H/2⌋×⌊W/2⌋.
   *
   * @throws IllegalArgumentException if H or W is below 2 (the output would be empty)
   */
  public static FeatureShape outputShape(FeatureShape input) {
    if (input.height() < 2 || input.width() < 2) {
      throw new IllegalArgumentException(
          String.format(
              "Cannot 2×2 max-pool features of shape %s: height and width must be at least 2, "
                  + "else the output is empty. Disable max-pooling for such small feature maps.",
              input));
    }
    return new FeatureShape(input.channels(), input.height() / 2, input.width() / 2);
  }

  /**
   * Max-pools one sample.
   *
   * @param shape the input shape C×H×W
   * @param sample [C, H, W] float32 in C order, finite
   * @return [C, ⌊H/2⌋, ⌊W/2⌋] float32 in C order, a new array
   */
  public static float[] apply(FeatureShape shape, float[] sample) {
    FeatureChecks.requireSample(shape, sample, "Sample to max-pool");
    FeatureShape out = outputShape(shape);
    float[] pooled = new float[out.size()];
    for (int c = 0; c < out.channels(); c++) {
      for (int h = 0; h < out.height(); h++) {
        for (int w = 0; w < out.width(); w++) {
          pooled[out.index(c, h, w)] = windowMax(shape, sample, c, 2 * h, 2 * w);
        }
      }
    }
    return pooled;
  }

  private static float windowMax(FeatureShape shape, float[] x, int c, int row, int column) {
    int topLeft = shape.index(c, row, column);
    int bottomLeft = topLeft + shape.width();
    float top = Math.max(x[topLeft], x[topLeft + 1]);
    float bottom = Math.max(x[bottomLeft], x[bottomLeft + 1]);
    return Math.max(top, bottom);
  }
}
