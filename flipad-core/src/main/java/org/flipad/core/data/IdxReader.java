package org.flipad.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
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
 * other element types, and truncated files are refused with an {@link IdxFormatException}.
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
    DataInputStream in = open(file);
    try {
      int[] dims = readHeader(in, file, IMAGE_MAGIC);
      if ((long) dims[1] * dims[2] > Integer.MAX_VALUE - 8) {
        throw new IdxFormatException(
            file
                + " declares images of "
                + dims[1]
                + "×"
                + dims[2]
                + " px, over 2 GiB each."
                + " The header is corrupt.");
      }
      checkPlainSize(file, 16, (long) dims[0] * dims[1] * dims[2]);
      return new IdxImages(file, in, dims[0], dims[1], dims[2]);
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
      // The count comes from the header; do not trust it for a gzipped file's allocation.
      List<Image8> all = new ArrayList<>(Math.min(images.count(), 1 << 16));
      while (images.hasNext()) {
        all.add(images.readNext());
      }
      return all;
    }
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
    try (DataInputStream in = open(file)) {
      int count = readHeader(in, file, LABEL_MAGIC)[0];
      checkPlainSize(file, 8, count);
      // readNBytes grows its buffer as data arrives, so a lying gzipped header cannot force a
      // large allocation.
      byte[] bytes = in.readNBytes(count);
      if (bytes.length < count) {
        throw new IdxFormatException(
            file
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
  }

  /** Whether the file starts with the gzip magic {@code 1F 8B}. */
  static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1F && in.read() == 0x8B;
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    boolean gzip = isGzip(file);
    InputStream raw = Files.newInputStream(file);
    try {
      InputStream in = gzip ? new GZIPInputStream(raw, BUFFER_BYTES) : raw;
      return new DataInputStream(new BufferedInputStream(in, BUFFER_BYTES));
    } catch (IOException e) {
      raw.close();
      throw new IdxFormatException(
          file
              + " starts with the gzip magic 1F 8B but its gzip header is unreadable ("
              + e
              + "). Download it again.",
          e);
    }
  }

  private static int[] readHeader(DataInputStream in, Path file, int expected) throws IOException {
    int magic;
    try {
      magic = in.readInt();
    } catch (EOFException e) {
      throw new IdxFormatException(file + " is shorter than an IDX magic number (4 bytes).", e);
    }
    if (magic != expected) {
      throw new IdxFormatException(wrongMagic(file, magic, expected));
    }
    int[] dims = new int[magic & 0xFF];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = readDimension(in, file, i);
    }
    return dims;
  }

  private static int readDimension(DataInputStream in, Path file, int index) throws IOException {
    int d;
    try {
      d = in.readInt();
    } catch (EOFException e) {
      throw new IdxFormatException(file + " ends inside its IDX header; it is truncated.", e);
    }
    if (d < 0 || (index > 0 && d == 0)) {
      throw new IdxFormatException(
          file
              + " declares dimension "
              + index
              + " = "
              + d
              + "; expected a positive size."
              + " The header is corrupt.");
    }
    return d;
  }

  private static String wrongMagic(Path file, int magic, int expected) {
    String found = String.format("0x%08X", magic);
    String want = String.format("0x%08X", expected);
    String kind = expected == IMAGE_MAGIC ? "an image file (N×H×W)" : "a label file (N)";
    if (magic == IMAGE_MAGIC || magic == LABEL_MAGIC) {
      String other = magic == IMAGE_MAGIC ? "an image file" : "a label file";
      return file
          + " is "
          + other
          + " (magic "
          + found
          + "); expected "
          + kind
          + ", magic "
          + want
          + ". Swap the image and label paths.";
    }
    if ((magic >>> 16) == 0 && ((magic >>> 8) & 0xFF) != 0x08) {
      return file
          + " has IDX element type "
          + String.format("0x%02X", (magic >>> 8) & 0xFF)
          + " (magic "
          + found
          + "); only unsigned bytes (0x08) are supported.";
    }
    return file
        + " starts with "
        + found
        + ", not the IDX magic "
        + want
        + " of "
        + kind
        + ". Pass an MNIST-style idx-ubyte file (plain or .gz).";
  }

  private static void checkPlainSize(Path file, long headerBytes, long dataBytes)
      throws IOException {
    if (isGzip(file)) {
      return; // The uncompressed size is unknown until read; truncation shows up as EOF then.
    }
    long expected = headerBytes + dataBytes;
    long actual = Files.size(file);
    if (actual != expected) {
      throw new IdxFormatException(
          file
              + " is "
              + actual
              + " bytes but its header declares "
              + expected
              + " ("
              + headerBytes
              + " header + "
              + dataBytes
              + " data); the file is "
              + (actual < expected ? "truncated" : "followed by extra bytes")
              + ". Download it again.");
    }
  }
}
