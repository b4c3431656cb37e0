package org.flipad.core.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Builds encoded test images in memory. */
final class TestImages {
  private TestImages() {}

  /** A random image with a fixed seed. */
  static Image8 noise(int channels, int height, int width, long seed) {
    byte[] pixels = new byte[channels * height * width];
    new Random(seed).nextBytes(pixels);
    return new Image8(channels, height, width, pixels);
  }

  /** A JPEG of one colour, {@code width × height} px, encoded by ImageIO. */
  static byte[] solidJpeg(int width, int height, Color color) {
    BufferedImage source = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = source.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return encode(source, "jpeg");
  }

  /** Encodes a BufferedImage with ImageIO, e.g. as "png", "jpeg" or "gif". */
  static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("No ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Copies a PNG and rewrites the IHDR width and height, with a valid CRC. */
  static byte[] withIhdrSize(byte[] png, int width, int height) {
    byte[] patched = png.clone();
    ByteBuffer b = ByteBuffer.wrap(patched);
    // Signature (8), IHDR length (4), "IHDR" (4) at 12, width at 16, height at 20, CRC at 29.
    if (b.getInt(12) != 0x49484452) {
      throw new IllegalStateException("First chunk is not IHDR");
    }
    b.putInt(16, width).putInt(20, height);
    CRC32 crc = new CRC32();
    crc.update(patched, 12, 17);
    b.putInt(29, (int) crc.getValue());
    return patched;
  }
}
