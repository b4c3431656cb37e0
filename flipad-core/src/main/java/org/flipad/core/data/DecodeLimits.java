package org.flipad.core.data;

/**
 * Safety limits applied before an image is decoded.
 *
 * @param maxPixels largest width × height accepted, read from the header before decoding; default
 *     89,478,485 (Pillow's decompression-bomb warning threshold)
 * @param maxBytes largest encoded size accepted, in bytes; default 64 MiB
 */
public record DecodeLimits(long maxPixels, long maxBytes) {
  /** Pillow's {@code Image.MAX_IMAGE_PIXELS}: about 89 Mpx, 0.25 GiB as 24-bit RGB. */
  public static final long DEFAULT_MAX_PIXELS = 89_478_485L;

  /** 64 MiB. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  /** Validates both limits. */
  public DecodeLimits {
    // A decoded image must fit one Java byte array at 3 channels.
    if (maxPixels < 1 || maxPixels > (Integer.MAX_VALUE - 8) / 3) {
      throw new IllegalArgumentException(
          "maxPixels is "
              + maxPixels
              + "; expected 1 to "
              + (Integer.MAX_VALUE - 8) / 3
              + " (an RGB image must fit in one Java array).");
    }
    if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "maxBytes is "
              + maxBytes
              + "; expected 1 to "
              + (Integer.MAX_VALUE - 8)
              + " (the encoded file is held in one Java array).");
    }
  }

  /** The defaults: 89,478,485 pixels and 64 MiB. */
  public static DecodeLimits defaults() {
    return new DecodeLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_BYTES);
  }

  /** A copy with another pixel cap. */
  public DecodeLimits withMaxPixels(long pixels) {
    return new DecodeLimits(pixels, maxBytes);
  }

  /** A copy with another byte cap. */
  public DecodeLimits withMaxBytes(long bytes) {
    return new DecodeLimits(maxPixels, bytes);
  }
}
