package org.flipad.core.data;

/**
 * Maps 8-bit pixel values {@code k ∈ {0, …, 255}} to the model range [−1, 1] and back.
 *
 * <p>Forward: {@code x = 2k/255 − 1}, so 0 → −1, 255 → 1 and 128 → 1/255 ≈ 0.0039216. It is
 * evaluated literally in double, {@code 2.0 * k / 255.0 - 1.0}, as NumPy float64 evaluates {@code 2
 * * k / 255 - 1} (so 128 gives 0.0039215686274509665, within 2e-17 of 1/255); the float variant is
 * that double rounded to the nearest float. (torchvision's {@code Normalize(0.5, 0.5)} after {@code
 * ToTensor()} computes {@code (k/255 − 0.5)/0.5} in float32 and differs from this by at most one
 * ulp, about 6e-8, for half of the 256 values.)
 *
 * <p>Backward: {@code k = round((x + 1) · 255/2)}, halves rounded up ({@link Math#round}), then
 * clamped to [0, 255]; it inverts the forward map exactly for both float and double. NaN is
 * refused.
 */
public final class PixelScaling {
  private PixelScaling() {}

  /**
   * Scales unsigned bytes to [−1, 1] as doubles.
   *
   * @param pixels unsigned 8-bit values, any shape (for example an {@link Image8}'s C×H×W array)
   * @return {@code 2k/255 − 1} per element, same length and order
   */
  public static double[] toUnitRange(byte[] pixels) {
    double[] out = new double[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      out[i] = scale(pixels[i] & 0xFF);
    }
    return out;
  }

  /**
   * Scales unsigned bytes to [−1, 1] as floats (the double result rounded to nearest float).
   *
   * @param pixels unsigned 8-bit values, any shape
   * @return {@code 2k/255 − 1} per element as float32, same length and order
   */
  public static float[] toUnitRangeFloat(byte[] pixels) {
    float[] out = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      out[i] = (float) scale(pixels[i] & 0xFF);
    }
    return out;
  }

  /**
   * Maps doubles in [−1, 1] back to unsigned bytes.
   *
   * @param values model-range values; outside [−1, 1] they are clamped
   * @return {@code clamp(round((x + 1) · 127.5), 0, 255)} per element as unsigned bytes
   * @throws IllegalArgumentException when a value is NaN
   */
  public static byte[] fromUnitRange(double[] values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) toByte(values[i], i);
    }
    return out;
  }

  /**
   * Maps floats in [−1, 1] back to unsigned bytes, computing in double.
   *
   * @param values model-range values; outside [−1, 1] they are clamped
   * @return {@code clamp(round((x + 1) · 127.5), 0, 255)} per element as unsigned bytes
   * @throws IllegalArgumentException when a value is NaN
   */
  public static byte[] fromUnitRange(float[] values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) toByte(values[i], i);
    }
    return out;
  }

  /**
   * Scales one value.
   *
   * @param k an unsigned 8-bit value, 0 to 255
   * @return {@code 2k/255 − 1}
   * @throws IllegalArgumentException when {@code k} is outside 0..255
   */
  public static double toUnit(int k) {
    if (k < 0 || k > 255) {
      throw new IllegalArgumentException(
          "Pixel value " + k + " is outside 0..255. Pass an unsigned 8-bit value (b & 0xFF).");
    }
    return scale(k);
  }

  private static double scale(int k) {
    return 2.0 * k / 255.0 - 1.0;
  }

  private static int toByte(double x, int index) {
    if (Double.isNaN(x)) {
      throw new IllegalArgumentException(
          "Value at index "
              + index
              + " is NaN; expected a number in [−1, 1]. Check the"
              + " generator output for NaN before converting it to pixels.");
    }
    long k = Math.round((x + 1.0) * 255.0 / 2.0);
    return (int) Math.max(0, Math.min(255, k));
  }
}
