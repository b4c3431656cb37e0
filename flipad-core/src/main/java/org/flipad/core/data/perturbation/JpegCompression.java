package org.flipad.core.data.perturbation;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.flipad.core.data.Image8;

/**
 * JPEG compression at a quality 1..100, id {@code "jpeg<quality>"} (the reference uses 90 and 80).
 *
 * <p>The image is encoded in memory with the JDK's ImageIO JPEG writer at compression quality
 * {@code quality / 100} (which the JDK maps to IJG/libjpeg quantisation tables as Pillow does; RGB
 * is stored as YCbCr with the writer's default chroma subsampling) and decoded back with the JDK
 * JPEG reader. Gray images are encoded from a {@code TYPE_BYTE_GRAY} image and stay one channel.
 *
 * @param quality JPEG quality 1..100
 */
public record JpegCompression(int quality) implements Perturbation {

  /** Validates the quality. */
  public JpegCompression {
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException(
          "JPEG quality is " + quality + "; expected 1..100, e.g. 90 or 80 as in the paper.");
    }
  }

  /** {@inheritDoc} */
  @Override
  public String id() {
    return "jpeg" + quality;
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "JPEG compression at quality " + quality;
  }

  /**
   * Encodes and decodes the image.
   *
   * @param image the image
   * @param seed ignored (the codec is deterministic)
   * @return the decoded image, same shape
   * @throws IllegalStateException when the JVM has no ImageIO JPEG codec
   */
  @Override
  public Image8 apply(Image8 image, long seed) {
    try {
      return fromBuffered(decode(encode(toBuffered(image))), image);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "JPEG round trip at quality " + quality + " failed in memory for " + image, e);
    }
  }

  private byte[] encode(BufferedImage buffered) throws IOException {
    ImageWriter writer = codec(ImageIO.getImageWritersByFormatName("jpeg"), "writer");
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality / 100f);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(buffered, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static BufferedImage decode(byte[] jpeg) throws IOException {
    ImageReader reader = codec(ImageIO.getImageReadersByFormatName("jpeg"), "reader");
    try (MemoryCacheImageInputStream in =
        new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
      reader.setInput(in, true, true);
      return reader.read(0);
    } finally {
      reader.dispose();
    }
  }

  private static <T> T codec(Iterator<T> codecs, String role) {
    if (!codecs.hasNext()) {
      throw new IllegalStateException(
          "No ImageIO JPEG " + role + " on this JVM; add the java.desktop module to the runtime.");
    }
    return codecs.next();
  }

  private static BufferedImage toBuffered(Image8 image) {
    int type = image.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
    BufferedImage out = new BufferedImage(image.width(), image.height(), type);
    WritableRaster raster = out.getRaster();
    for (int c = 0; c < image.channels(); c++) {
      for (int y = 0; y < image.height(); y++) {
        for (int x = 0; x < image.width(); x++) {
          raster.setSample(x, y, c, image.get(c, y, x));
        }
      }
    }
    return out;
  }

  private static Image8 fromBuffered(BufferedImage decoded, Image8 like) {
    Raster raster = decoded.getRaster();
    if (raster.getNumBands() != like.channels()
        || decoded.getWidth() != like.width()
        || decoded.getHeight() != like.height()) {
      throw new IllegalStateException(
          "JPEG decoder returned "
              + raster.getNumBands()
              + " bands of "
              + decoded.getWidth()
              + "×"
              + decoded.getHeight()
              + " px for "
              + like
              + "; expected the input's shape. Check the ImageIO JPEG plugin in use.");
    }
    byte[] out = new byte[like.pixels().length];
    int i = 0;
    for (int c = 0; c < like.channels(); c++) {
      for (int y = 0; y < like.height(); y++) {
        for (int x = 0; x < like.width(); x++) {
          out[i++] = (byte) raster.getSample(x, y, c);
        }
      }
    }
    return new Image8(like.channels(), like.height(), like.width(), out);
  }
}
