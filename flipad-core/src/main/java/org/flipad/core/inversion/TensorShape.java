package org.flipad.core.inversion;

/**
 * The shape of one sample's tensor, channels × height × width, in C order. A vector of length d is
 * {@code (d, 1, 1)}.
 */
public record TensorShape(int channels, int height, int width) {

  /** Validates that every dimension is positive. */
  public TensorShape {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "Tensor shape must be positive in every dimension, got "
              + channels
              + "×"
              + height
              + "×"
              + width
              + ". Check the layer description.");
    }
  }

  /** Shape of a vector of length {@code length}. */
  public static TensorShape vector(int length) {
    return new TensorShape(length, 1, 1);
  }

  /** Number of elements, C·H·W. */
  public int size() {
    return Math.multiplyExact(Math.multiplyExact(channels, height), width);
  }

  /** Flat C-order index of element (c, y, x). */
  public int index(int c, int y, int x) {
    return (c * height + y) * width + x;
  }

  /** The shape as an int array {C, H, W}. */
  public int[] toArray() {
    return new int[] {channels, height, width};
  }

  @Override
  public String toString() {
    return channels + "×" + height + "×" + width;
  }
}
