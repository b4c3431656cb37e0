package org.flipad.core.data;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes an {@link Image8} as an 8-bit PNG: gray for 1 channel, RGB for 3, no alpha. Reading the
 * file back with {@link ImageFiles} in the same colour mode gives the same pixels.
 */
public final class PngWriter {
  private PngWriter() {}

  /**
   * Encodes an image as PNG bytes.
   *
   * @param image 1 or 3 channels, C×H×W
   * @return the PNG file contents
   */
  public static byte[] encode(Image8 image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(image, out);
    } catch (IOException e) {
      // A ByteArrayOutputStream does not fail; an IOException here is an encoder bug.
      throw new IllegalStateException("PNG encoding of " + image + " failed in memory: " + e, e);
    }
    return out.toByteArray();
  }

  /**
   * Writes an image to a file, replacing it.
   *
   * @param image 1 or 3 channels, C×H×W
   * @param file the PNG file to write
   * @throws IOException when the file cannot be written
   */
  public static void write(Image8 image, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(image, out);
    }
  }

  /**
   * Writes an image to a stream, which is not closed.
   *
   * @param image 1 or 3 channels, C×H×W
   * @param out receives the PNG bytes
   * @throws IOException when the stream fails
   */
  public static void write(Image8 image, OutputStream out) throws IOException {
    if (!ImageIO.write(toBufferedImage(image), "png", out)) {
      throw new IllegalStateException(
          "No ImageIO PNG writer on this JVM; add the java.desktop module to the runtime image.");
    }
  }

  private static BufferedImage toBufferedImage(Image8 image) {
    int w = image.width();
    int h = image.height();
    int type = image.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
    BufferedImage out = new BufferedImage(w, h, type);
    WritableRaster raster = out.getRaster();
    int[] row = new int[w];
    byte[] pixels = image.pixels();
    for (int c = 0; c < image.channels(); c++) {
      for (int y = 0; y < h; y++) {
        int base = (c * h + y) * w;
        for (int x = 0; x < w; x++) {
          row[x] = pixels[base + x] & 0xFF;
        }
        raster.setSamples(0, y, w, 1, c, row);
      }
    }
    return out;
  }
}
