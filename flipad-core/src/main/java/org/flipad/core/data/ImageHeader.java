package org.flipad.core.data;

/**
 * What an image header says, read without decoding pixels.
 *
 * @param format PNG or JPEG, from the magic bytes
 * @param width columns in pixels
 * @param height rows in pixels
 */
public record ImageHeader(EncodedImageFormat format, int width, int height) {
  /** Validates that the header described a real image. */
  public ImageHeader {
    if (format == null) {
      throw new IllegalArgumentException("ImageHeader needs a format; got null.");
    }
  }

  /** {@code width × height}. */
  public long pixels() {
    return (long) width * height;
  }
}
