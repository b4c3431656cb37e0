package org.flipad.streams.demo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/** Hostile image bytes of the kinds platforms receive, for the demo's bad inputs and the tests. */
public final class MalformedImages {

  private MalformedImages() {}

  /**
   * A PNG whose header claims {@code width × height} pixels but carries no image data: what a
   * decompression bomb looks like to a header reader (a real one is a few hundred KB).
   */
  public static byte[] pngHeaderOnly(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteBuffer header = ByteBuffer.allocate(13);
    // bit depth 8, colour type 0 (gray), compression 0, filter 0, interlace 0
    header.putInt(width).putInt(height).put(new byte[] {8, 0, 0, 0, 0});
    chunk(out, "IHDR", header.array());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** The first half of a valid encoded image: a transfer cut short. */
  public static byte[] truncated(byte[] validImage) {
    return Arrays.copyOf(validImage, validImage.length / 2);
  }

  /** A tiny GIF: a real image format the service does not accept. */
  public static byte[] gif() {
    return "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
