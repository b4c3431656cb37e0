package org.flipad.core.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG and JPEG files into {@link Image8} safely: a decompression bomb or a hostile file is
 * refused with an {@link ImageRejection} before it can exhaust memory.
 *
 * <p>Checks, in order: the encoded size against {@link DecodeLimits#maxBytes()} ({@code
 * TOO_MANY_BYTES}); the magic bytes against the PNG/JPEG allow-list, whatever the file name ({@code
 * UNSUPPORTED_FORMAT}); width × height read from the header with {@code ImageReader.getWidth/
 * getHeight}, before any pixel is decoded, against {@link DecodeLimits#maxPixels()} ({@code
 * TOO_MANY_PIXELS}); then decoding, where any decoder error or warning (a truncated JPEG only
 * warns) is {@code CORRUPT}.
 *
 * <p>Conversion: alpha is dropped (colour values kept as stored, not composited on a background, as
 * Pillow's {@code convert("RGB")} does); 16-bit PNG samples become {@code round(v / 257)} (Pillow
 * instead keeps the high byte, {@code v >> 8}, which can be 1 lower); palette images are expanded
 * to RGB; then {@link Image8#inMode} gives the requested {@link ColorMode}. CMYK JPEGs are refused
 * as {@code UNSUPPORTED_FORMAT} by the JDK decoder.
 *
 * <p>Stateless apart from its limits, so one instance may be shared between threads.
 */
public final class ImageFiles {
  private final DecodeLimits limits;

  /**
   * Creates a decoder with the given limits.
   *
   * @param limits pixel and byte caps
   */
  public ImageFiles(DecodeLimits limits) {
    this.limits = limits;
  }

  /** A decoder with {@link DecodeLimits#defaults()}. */
  public static ImageFiles withDefaultLimits() {
    return new ImageFiles(DecodeLimits.defaults());
  }

  /** The limits in force. */
  public DecodeLimits limits() {
    return limits;
  }

  /**
   * Reads and decodes a file; its size is checked before it is read.
   *
   * @param file a PNG or JPEG file (the extension is ignored)
   * @param mode the channel layout wanted
   * @return {@code [mode.channels(), H, W]} 8-bit pixels
   * @throws ImageRejection when the file is refused, with the reason
   * @throws IOException when the file cannot be read
   */
  public Image8 read(Path file, ColorMode mode) throws IOException {
    checkBytes(Files.size(file), file.toString());
    return decode(Files.readAllBytes(file), mode);
  }

  /**
   * Reads at most {@code maxBytes + 1} bytes from a stream and decodes them.
   *
   * @param in encoded PNG or JPEG bytes; not closed
   * @param mode the channel layout wanted
   * @return {@code [mode.channels(), H, W]} 8-bit pixels
   * @throws ImageRejection when the image is refused, with the reason
   * @throws IOException when the stream cannot be read
   */
  public Image8 read(InputStream in, ColorMode mode) throws IOException {
    byte[] bytes = in.readNBytes((int) limits.maxBytes() + 1);
    if (bytes.length > limits.maxBytes()) {
      throw tooManyBytes("more than " + limits.maxBytes(), "Stream");
    }
    return decode(bytes, mode);
  }

  /**
   * Decodes an encoded image held in memory.
   *
   * @param encoded PNG or JPEG bytes
   * @param mode the channel layout wanted
   * @return {@code [mode.channels(), H, W]} 8-bit pixels
   * @throws ImageRejection when the image is refused, with the reason
   */
  public Image8 decode(byte[] encoded, ColorMode mode) {
    EncodedImageFormat format = admit(encoded);
    ImageReader reader = readerFor(format);
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
      reader.setInput(in, true, true);
      checkPixels(reader.getWidth(0), reader.getHeight(0), format);
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      BufferedImage image = reader.read(0);
      if (!warnings.isEmpty()) {
        throw corrupt(format, "the decoder warned: " + String.join("; ", warnings), null);
      }
      return Rasters.toImage8(image).inMode(mode);
    } catch (ImageRejection e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw decodeFailure(format, e);
    } finally {
      reader.dispose();
    }
  }

  /**
   * Reads the format and dimensions from the header without decoding pixels or applying the pixel
   * cap; the byte cap and the format allow-list still apply.
   *
   * @param encoded PNG or JPEG bytes
   * @return format, width and height
   * @throws ImageRejection when the bytes are too many, not PNG/JPEG, or the header is unreadable
   */
  public ImageHeader probe(byte[] encoded) {
    EncodedImageFormat format = admit(encoded);
    ImageReader reader = readerFor(format);
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
      reader.setInput(in, true, true);
      return new ImageHeader(format, reader.getWidth(0), reader.getHeight(0));
    } catch (IOException | RuntimeException e) {
      throw decodeFailure(format, e);
    } finally {
      reader.dispose();
    }
  }

  private EncodedImageFormat admit(byte[] encoded) {
    checkBytes(encoded.length, "Image");
    return EncodedImageFormat.sniff(encoded)
        .orElseThrow(
            () ->
                new ImageRejection(
                    ImageRejection.Reason.UNSUPPORTED_FORMAT,
                    "Image starts with bytes ["
                        + leadingHex(encoded)
                        + "], which is neither"
                        + " PNG (89 50 4E 47 0D 0A 1A 0A) nor JPEG (FF D8 FF). Convert it to PNG"
                        + " or JPEG before upload."));
  }

  private void checkBytes(long size, String what) {
    if (size > limits.maxBytes()) {
      throw tooManyBytes(Long.toString(size), what);
    }
  }

  private ImageRejection tooManyBytes(String size, String what) {
    return new ImageRejection(
        ImageRejection.Reason.TOO_MANY_BYTES,
        what
            + " is "
            + size
            + " bytes; limit is "
            + limits.maxBytes()
            + " bytes"
            + " (DecodeLimits.maxBytes). Reject the upload or raise the limit.");
  }

  private void checkPixels(int width, int height, EncodedImageFormat format) {
    if (width < 1 || height < 1) {
      throw corrupt(format, "its header says " + width + "×" + height + " px", null);
    }
    long pixels = (long) width * height;
    if (pixels > limits.maxPixels()) {
      throw new ImageRejection(
          ImageRejection.Reason.TOO_MANY_PIXELS,
          format
              + " image is "
              + width
              + "×"
              + height
              + " px ("
              + megapixels(pixels)
              + " Mpx); limit is "
              + megapixels(limits.maxPixels())
              + " Mpx ("
              + limits.maxPixels()
              + " px, DecodeLimits.maxPixels). Reject the upload or raise"
              + " the limit.");
    }
  }

  private static ImageRejection decodeFailure(EncodedImageFormat format, Exception e) {
    if (e instanceof IIOException && "Unsupported Image Type".equals(e.getMessage())) {
      return new ImageRejection(
          ImageRejection.Reason.UNSUPPORTED_FORMAT,
          format
              + " image uses a colour type the JDK decoder does not support (typically CMYK"
              + " or YCCK JPEG). Convert it to sRGB before upload.",
          e);
    }
    return corrupt(format, "decoding failed: " + e, e);
  }

  private static ImageRejection corrupt(EncodedImageFormat format, String detail, Exception cause) {
    return new ImageRejection(
        ImageRejection.Reason.CORRUPT,
        format + " image is corrupt or truncated: " + detail + ". Re-encode or re-upload it.",
        cause);
  }

  private static ImageReader readerFor(EncodedImageFormat format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
    if (!readers.hasNext()) {
      throw new IllegalStateException(
          "No ImageIO reader for "
              + format
              + " on this JVM; the JDK always ships one, so the"
              + " runtime image is missing the java.desktop module. Add it to the image.");
    }
    return readers.next();
  }

  private static String megapixels(long pixels) {
    return Long.toString(Math.round(pixels / 1e6));
  }

  private static String leadingHex(byte[] bytes) {
    int n = Math.min(8, bytes.length);
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, 0, n);
  }
}
