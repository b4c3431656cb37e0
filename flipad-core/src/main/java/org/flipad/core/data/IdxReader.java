package org.flipad.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files of unsigned bytes (the MNIST and Fashion-MNIST format), plain or gzipped.
 *
 * <p>Gzip is detected by the magic bytes {@code 1F 8B}, not the file name. Image files have magic
 * {@code 0x00000803} and dimensions {@code N × H × W} (28 × 28 for MNIST); label files have magic
 * {@code 0x00000801} and dimension {@code N}. All integers in the header are big-endian.
 *
 * <p>{@link #openImages(Path)} streams images one by one; {@link #readAllImages(Path)} and {@link
 * #readLabels(Path)} load everything (60,000 Fashion-MNIST images are 47 MB). Wrong magic numbers,
 * other element types, and truncated files are refused with an {@link IdxFormatException} (the
 * header checks are {@link IdxHeader}'s).
 */
public final class IdxReader {
  /** Magic number of an unsigned-byte IDX file with three dimensions (images). */
  public static final int IMAGE_MAGIC = 0x00000803;

  /** Magic number of an unsigned-byte IDX file with one dimension (labels). */
  public static final int LABEL_MAGIC = 0x00000801;

  private static final int BUFFER_BYTES = 1 << 16;

  private IdxReader() {}

  /**
   * Opens an image file for streaming.
   *
   * @param file an {@code *-images-idx3-ubyte} file, optionally gzipped
   * @return a stream of {@code [1, H, W]} images; close it when done
   * @throws IdxFormatException when the header is not an unsigned-byte image header, or a plain
   *     file is shorter or longer than its header says
   * @throws IOException when the file cannot be read
   */
  public static IdxImages openImages(Path file) throws IOException {
    long plainSize = plainSize(file);
    return openImages(
        open(Files.newInputStream(file), file.toString()), file.toString(), plainSize);
  }

  /**
   * Opens an image stream, such as a classpath resource; closing the result closes {@code in}.
   *
   * @param in the bytes of an {@code *-images-idx3-ubyte} file, optionally gzipped
   * @param source names the stream in error messages
   * @return a stream of {@code [1, H, W]} images; close it when done
   * @throws IdxFormatException when the header is not an unsigned-byte image header
   * @throws IOException when the stream cannot be read
   */
  static IdxImages openImages(InputStream in, String source) throws IOException {
    return openImages(open(in, source), source, -1);
  }

  private static IdxImages openImages(DataInputStream in, String source, long plainSize)
      throws IOException {
    try {
      int[] dims = IdxHeader.read(in, source, IMAGE_MAGIC);
      if ((long) dims[1] * dims[2] > Integer.MAX_VALUE - 8) {
        throw new IdxFormatException(
            source
                + " declares images of "
                + dims[1]
                + "×"
                + dims[2]
                + " px, over 2 GiB each."
                + " The header is corrupt.");
      }
      IdxHeader.checkPlainSize(source, plainSize, 16, (long) dims[0] * dims[1] * dims[2]);
      return new IdxImages(source, in, dims[0], dims[1], dims[2]);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Reads every image of a file into memory.
   *
   * @param file an {@code *-images-idx3-ubyte} file, optionally gzipped
   * @return the images in file order, each {@code [1, H, W]}
   * @throws IdxFormatException when the file is not a complete unsigned-byte image file
   * @throws IOException when the file cannot be read
   */
  public static List<Image8> readAllImages(Path file) throws IOException {
    try (IdxImages images = openImages(file)) {
      return readRest(images);
    }
  }

  /**
   * Reads every image of a stream into memory and closes the stream.
   *
   * @param in the bytes of an {@code *-images-idx3-ubyte} file, optionally gzipped
   * @param source names the stream in error messages
   * @return the images in stream order, each {@code [1, H, W]}
   * @throws IdxFormatException when the stream is not a complete unsigned-byte image file
   * @throws IOException when the stream cannot be read
   */
  static List<Image8> readAllImages(InputStream in, String source) throws IOException {
    try (IdxImages images = openImages(in, source)) {
      return readRest(images);
    }
  }

  private static List<Image8> readRest(IdxImages images) throws IOException {
    // The count comes from the header; do not trust it for a gzipped file's allocation.
    List<Image8> all = new ArrayList<>(Math.min(images.count(), 1 << 16));
    while (images.hasNext()) {
      all.add(images.readNext());
    }
    return all;
  }

  /**
   * Reads a label file.
   *
   * @param file an {@code *-labels-idx1-ubyte} file, optionally gzipped
   * @return one label 0..255 per item, in file order
   * @throws IdxFormatException when the file is not a complete unsigned-byte label file
   * @throws IOException when the file cannot be read
   */
  public static int[] readLabels(Path file) throws IOException {
    long plainSize = plainSize(file);
    try (DataInputStream in = open(Files.newInputStream(file), file.toString())) {
      return readLabels(in, file.toString(), plainSize);
    }
  }

  /**
   * Reads the labels of a stream and closes the stream.
   *
   * @param in the bytes of an {@code *-labels-idx1-ubyte} file, optionally gzipped
   * @param source names the stream in error messages
   * @return one label 0..255 per item, in stream order
   * @throws IdxFormatException when the stream is not a complete unsigned-byte label file
   * @throws IOException when the stream cannot be read
   */
  static int[] readLabels(InputStream in, String source) throws IOException {
    try (DataInputStream data = open(in, source)) {
      return readLabels(data, source, -1);
    }
  }

  private static int[] readLabels(DataInputStream in, String source, long plainSize)
      throws IOException {
    int count = IdxHeader.read(in, source, LABEL_MAGIC)[0];
    IdxHeader.checkPlainSize(source, plainSize, 8, count);
    // readNBytes grows its buffer as data arrives, so a lying gzipped header cannot force a
    // large allocation.
    byte[] bytes = in.readNBytes(count);
    if (bytes.length < count) {
      throw new IdxFormatException(
          source
              + " ends after "
              + bytes.length
              + " of its "
              + count
              + " labels; the file is"
              + " truncated. Download it again.");
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = bytes[i] & 0xFF;
    }
    return labels;
  }

  /** Whether the file starts with the gzip magic {@code 1F 8B}. */
  static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1F && in.read() == 0x8B;
    }
  }

  /** The size of a plain file, to check against its header; −1 for a gzipped one. */
  private static long plainSize(Path file) throws IOException {
    return isGzip(file) ? -1 : Files.size(file);
  }

  /** Buffers {@code raw}, inflating it when it starts with the gzip magic; closes it on failure. */
  private static DataInputStream open(InputStream raw, String source) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_BYTES);
    try {
      buffered.mark(2);
      boolean gzip = buffered.read() == 0x1F && buffered.read() == 0x8B;
      buffered.reset();
      return new DataInputStream(gzip ? inflate(buffered, source) : buffered);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private static InputStream inflate(InputStream in, String source) throws IdxFormatException {
    try {
      return new BufferedInputStream(new GZIPInputStream(in, BUFFER_BYTES), BUFFER_BYTES);
    } catch (IOException e) {
      throw new IdxFormatException(
          source
              + " starts with the gzip magic 1F 8B but its gzip header is unreadable ("
              + e
              + "). Download it again.",
          e);
    }
  }
}
