package org.flipad.streams.topology;

import java.util.EnumMap;
import java.util.Map;
import org.flipad.core.data.ColorMode;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ImageFiles;
import org.flipad.core.data.ImageHeader;

/**
 * An upload's image that passed the byte, format and pixel checks: its digest, header, and the
 * decoded pixels in each colour mode a watched model asked for (decoded once per mode).
 */
final class AdmittedImage {

  private final byte[] encoded;
  private final String sha256;
  private final ImageHeader header;
  private final ImageFiles decoder;
  private final Map<ColorMode, Image8> decoded = new EnumMap<>(ColorMode.class);
  private long decodeNanos;

  AdmittedImage(byte[] encoded, String sha256, ImageHeader header, ImageFiles decoder) {
    this.encoded = encoded;
    this.sha256 = sha256;
    this.header = header;
    this.decoder = decoder;
  }

  /** The encoded bytes as received (not copied: read-only). */
  byte[] encoded() {
    return encoded;
  }

  String sha256() {
    return sha256;
  }

  ImageHeader header() {
    return header;
  }

  /**
   * The pixels in {@code mode}; decoding failures surface as {@link
   * org.flipad.core.data.ImageRejection}.
   */
  Image8 pixels(ColorMode mode) {
    Image8 image = decoded.get(mode);
    if (image == null) {
      long start = System.nanoTime();
      image = decoder.decode(encoded, mode);
      decodeNanos += System.nanoTime() - start;
      decoded.put(mode, image);
    }
    return image;
  }

  /** Time spent decoding so far, in milliseconds. */
  long decodeMillis() {
    return decodeNanos / 1_000_000;
  }
}
