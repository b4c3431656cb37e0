package org.flipad.core.data;

import java.util.Arrays;
import java.util.List;

/**
 * An 8-bit image: {@code [channels, height, width]} unsigned bytes in C order (channel-major, then
 * rows, then columns), so the value at {@code (c, y, x)} is {@code pixels[(c * height + y) * width
 * + x] & 0xFF}.
 *
 * <p>Channels are 1 (gray) or 3 (R, G, B). For speed the pixel array is not copied; treat it as
 * read-only. {@code equals} and {@code hashCode} compare pixel contents.
 *
 * @param channels 1 or 3
 * @param height rows, ≥ 1
 * @param width columns, ≥ 1
 * @param pixels {@code channels × height × width} bytes, C×H×W order
 */
public record Image8(int channels, int height, int width, byte[] pixels) {
  /** Validates the layout. */
  public Image8 {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException(
          "Image8 has " + channels + " channels; expected 1 (gray) or 3 (RGB).");
    }
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "Image8 is " + width + "×" + height + " px; both sides must be at least 1.");
    }
    long expected = (long) channels * height * width;
    if (pixels == null || pixels.length != expected) {
      throw new IllegalArgumentException(
          "Image8 of shape ["
              + channels
              + ", "
              + height
              + ", "
              + width
              + "] needs "
              + expected
              + " bytes but got "
              + (pixels == null ? "null" : pixels.length + " bytes")
              + ". Pass channels × height × width bytes in C×H×W order.");
    }
  }

  /**
   * Builds an image from model-range values with {@link PixelScaling#fromUnitRange(float[])}
   * ({@code k = clamp(round((x + 1) · 127.5), 0, 255)}), e.g. one generator sample.
   *
   * @param values {@code [channels, height, width]} float32 in [−1, 1], C order
   * @param channels 1 or 3
   * @param height rows
   * @param width columns
   * @return the 8-bit image
   * @throws IllegalArgumentException when the length is not {@code channels × height × width} or a
   *     value is NaN
   */
  public static Image8 fromUnitRange(float[] values, int channels, int height, int width) {
    return new Image8(channels, height, width, PixelScaling.fromUnitRange(values));
  }

  /**
   * Builds an image from interleaved {@code [height, width, channels]} bytes, the layout of
   * decoded-image buffers and of the service's InversionRequest pixels.
   *
   * @throws IllegalArgumentException when the length is not {@code channels × height × width}
   */
  public static Image8 fromInterleaved(byte[] interleaved, int channels, int height, int width) {
    if (channels == 1) {
      return new Image8(channels, height, width, interleaved.clone());
    }
    long expected = (long) channels * height * width;
    if (interleaved == null || interleaved.length != expected) {
      throw new IllegalArgumentException(
          "Interleaved pixels of a "
              + width
              + "×"
              + height
              + " image with "
              + channels
              + " channels need "
              + expected
              + " bytes but got "
              + (interleaved == null ? "null" : interleaved.length + " bytes")
              + ". Send height × width × channels bytes, row-major, channels last.");
    }
    byte[] planar = new byte[interleaved.length];
    int area = height * width;
    for (int i = 0; i < area; i++) {
      for (int c = 0; c < channels; c++) {
        planar[c * area + i] = interleaved[i * channels + c];
      }
    }
    return new Image8(channels, height, width, planar);
  }

  /** This image's pixels as interleaved {@code [height, width, channels]} bytes (a new array). */
  public byte[] toInterleaved() {
    if (channels == 1) {
      return pixels.clone();
    }
    byte[] interleaved = new byte[pixels.length];
    int area = height * width;
    for (int i = 0; i < area; i++) {
      for (int c = 0; c < channels; c++) {
        interleaved[i * channels + c] = pixels[c * area + i];
      }
    }
    return interleaved;
  }

  /** The unsigned value 0..255 at channel {@code c}, row {@code y}, column {@code x}. */
  public int get(int c, int y, int x) {
    return pixels[(c * height + y) * width + x] & 0xFF;
  }

  /** Pixels per channel, {@code height × width}. */
  public int area() {
    return height * width;
  }

  /**
   * This image in the requested colour mode; {@code this} when it already has that many channels.
   *
   * <p>RGB → gray uses BT.601 luma {@code (299 R + 587 G + 114 B + 500) / 1000} in integers, i.e.
   * the exact weighted sum rounded half up. Gray → RGB replicates the channel.
   *
   * @param mode the wanted layout
   * @return an image with {@code mode.channels()} channels
   */
  public Image8 inMode(ColorMode mode) {
    if (mode.channels() == channels) {
      return this;
    }
    int n = area();
    byte[] out = new byte[mode.channels() * n];
    if (mode == ColorMode.RGB) {
      for (int c = 0; c < 3; c++) {
        System.arraycopy(pixels, 0, out, c * n, n);
      }
    } else {
      for (int i = 0; i < n; i++) {
        int r = pixels[i] & 0xFF;
        int g = pixels[n + i] & 0xFF;
        int b = pixels[2 * n + i] & 0xFF;
        out[i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
      }
    }
    return new Image8(mode.channels(), height, width, out);
  }

  /**
   * Checks that all images have the shape of the first.
   *
   * @param images the images, at least one
   * @param role what the images are for, starting the error message (e.g. "Training image")
   * @throws IllegalArgumentException naming the first image whose shape differs
   */
  static void requireSameShape(List<Image8> images, String role) {
    Image8 first = images.get(0);
    for (int i = 1; i < images.size(); i++) {
      Image8 image = images.get(i);
      if (image.channels != first.channels
          || image.height != first.height
          || image.width != first.width) {
        throw new IllegalArgumentException(
            role
                + " "
                + i
                + " is "
                + image
                + "; expected "
                + first
                + " like the first one. Convert all images to one colour mode and size first.");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Image8 other
        && channels == other.channels
        && height == other.height
        && width == other.width
        && Arrays.equals(pixels, other.pixels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * channels + height) + width) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "Image8[" + channels + "×" + height + "×" + width + "]";
  }
}
