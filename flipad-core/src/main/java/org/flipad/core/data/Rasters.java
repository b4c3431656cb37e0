package org.flipad.core.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns a decoded {@link BufferedImage} into an {@link Image8} with its native channels.
 *
 * <p>Raw samples are read, not {@code getRGB}, so no colour-space conversion (such as Java's
 * linear-gamma treatment of gray) alters the stored values. Alpha is dropped without compositing.
 * Samples of other bit depths are scaled to 8 bits by {@code round(v × 255 / (2^bits − 1))}, halves
 * up; for 16 bits that is {@code round(v / 257)}.
 */
final class Rasters {
  private Rasters() {}

  /**
   * Converts a decoded image.
   *
   * @param image from an ImageIO PNG or JPEG reader
   * @return 1 channel for gray sources, 3 for RGB and palette sources
   * @throws ImageRejection with {@link ImageRejection.Reason#UNSUPPORTED_FORMAT} for colour spaces
   *     other than gray and RGB (e.g. CMYK)
   */
  static Image8 toImage8(BufferedImage image) {
    ColorModel model = image.getColorModel();
    if (model instanceof IndexColorModel palette) {
      return fromPalette(image.getRaster(), palette);
    }
    int colors = model.getNumColorComponents();
    int type = model.getColorSpace().getType();
    if (!(colors == 1 && type == ColorSpace.TYPE_GRAY)
        && !(colors == 3 && type == ColorSpace.TYPE_RGB)) {
      throw new ImageRejection(
          ImageRejection.Reason.UNSUPPORTED_FORMAT,
          "Image has "
              + colors
              + " colour components in colour space type "
              + type
              + "; only gray and RGB are supported. Convert it to sRGB before upload.");
    }
    return fromComponents(image.getRaster(), model, colors);
  }

  private static Image8 fromComponents(Raster raster, ColorModel model, int channels) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    byte[] out = new byte[channels * w * h];
    int[] row = new int[w];
    for (int c = 0; c < channels; c++) {
      int bits = model.getComponentSize(c);
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, c, row);
        int base = (c * h + y) * w;
        for (int x = 0; x < w; x++) {
          out[base + x] = (byte) (bits == 8 ? row[x] : scaleTo8(row[x], bits));
        }
      }
    }
    return new Image8(channels, h, w, out);
  }

  private static Image8 fromPalette(Raster raster, IndexColorModel palette) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int n = w * h;
    byte[] out = new byte[3 * n];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      raster.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        out[i] = (byte) palette.getRed(row[x]);
        out[n + i] = (byte) palette.getGreen(row[x]);
        out[2 * n + i] = (byte) palette.getBlue(row[x]);
      }
    }
    return new Image8(3, h, w, out);
  }

  /** {@code round(v × 255 / (2^bits − 1))} with halves rounded up, for 1 ≤ bits ≤ 16. */
  static int scaleTo8(int v, int bits) {
    long max = (1L << bits) - 1;
    return (int) ((2L * v * 255 + max) / (2 * max));
  }
}
