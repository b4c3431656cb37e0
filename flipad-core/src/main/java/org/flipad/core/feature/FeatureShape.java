package org.flipad.core.feature;

/**
 * The shape C×H×W of one feature sample, held as a {@code float[]} of {@link #size()} values in C
 * order (channel-major): the value at (c, h, w) is at index (c·H + h)·W + w.
 *
 * @param channels C, the number of channels, at least 1
 * @param height H, the rows of each channel, at least 1
 * @param width W, the columns of each channel, at least 1
 */
public record FeatureShape(int channels, int height, int width) {

  /** Validates that every dimension is positive and that C·H·W fits a Java array. */
  public FeatureShape {
    requirePositive("channels", channels);
    requirePositive("height", height);
    requirePositive("width", width);
    long size = (long) channels * height * width;
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          String.format(
              "Feature shape %d×%d×%d has %d values; a Java array holds at most %d. "
                  + "Reduce the feature map (max-pool or crop) before post-processing.",
              channels, height, width, size, Integer.MAX_VALUE));
    }
  }

  /** Returns C·H·W, the length of one sample's {@code float[]}. */
  public int size() {
    return channels * height * width;
  }

  /** Returns H·W, the number of values in one channel. */
  public int planeSize() {
    return height * width;
  }

  /** Returns the C-order index of (channel, row, column); arguments are not range-checked. */
  public int index(int channel, int row, int column) {
    return (channel * height + row) * width + column;
  }

  /** Returns a copy with {@code channels} replaced, for the output of a channel selection. */
  public FeatureShape withChannels(int newChannels) {
    return new FeatureShape(newChannels, height, width);
  }

  /** Returns the shape as "C×H×W", e.g. "64×32×32". */
  @Override
  public String toString() {
    return channels + "×" + height + "×" + width;
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          String.format(
              "Feature shape %s is %d; expected at least 1. "
                  + "Pass the C×H×W of the penultimate activation (e.g. 64×32×32).",
              name, value));
    }
  }
}
