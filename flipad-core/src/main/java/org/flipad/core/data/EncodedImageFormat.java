package org.flipad.core.data;

import java.util.Optional;

/** The encoded formats {@link ImageFiles} accepts, recognised by their magic bytes only. */
public enum EncodedImageFormat {
  /** PNG: {@code 89 50 4E 47 0D 0A 1A 0A}. */
  PNG("png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
  /** JPEG (JFIF, Exif or raw): {@code FF D8 FF}. */
  JPEG("jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});

  private final String imageIoName;
  private final byte[] magic;

  EncodedImageFormat(String imageIoName, byte[] magic) {
    this.imageIoName = imageIoName;
    this.magic = magic;
  }

  /** The media type of this format, e.g. {@code image/png}, as HTTP answers name it. */
  public String mediaType() {
    return "image/" + imageIoName;
  }

  /** The media type of the encoded image {@code bytes}, or {@code application/octet-stream}. */
  public static String mediaTypeOf(byte[] bytes) {
    return sniff(bytes).map(EncodedImageFormat::mediaType).orElse("application/octet-stream");
  }

  /** The ImageIO format name whose reader decodes this format. */
  String imageIoName() {
    return imageIoName;
  }

  /**
   * The format whose magic bytes start {@code bytes}; the file name plays no part.
   *
   * @param bytes the start of an encoded file (at least 8 bytes for PNG, 3 for JPEG)
   * @return the format, or empty when the bytes are neither PNG nor JPEG
   */
  public static Optional<EncodedImageFormat> sniff(byte[] bytes) {
    for (EncodedImageFormat format : values()) {
      if (startsWith(bytes, format.magic)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
