package org.flipad.core.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The header of an unsigned-byte IDX file for {@link IdxReader}: the big-endian magic number and
 * dimensions, checked so that a swapped image and label file, another element type, a corrupt size
 * or a truncated or padded plain file is refused with an {@link IdxFormatException} that says which
 * and what to do.
 */
final class IdxHeader {

  private IdxHeader() {}

  /**
   * Reads the magic number and the dimensions it announces.
   *
   * @param expected {@link IdxReader#IdxReader.IMAGE_MAGIC} or {@link
   *     IdxReader#IdxReader.LABEL_MAGIC}
   * @return the dimensions, the first (the item count) possibly 0, the others positive
   */
  static int[] read(DataInputStream in, String source, int expected) throws IOException {
    int magic;
    try {
      magic = in.readInt();
    } catch (EOFException e) {
      throw new IdxFormatException(source + " is shorter than an IDX magic number (4 bytes).", e);
    }
    if (magic != expected) {
      throw new IdxFormatException(wrongMagic(source, magic, expected));
    }
    int[] dims = new int[magic & 0xFF];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = readDimension(in, source, i);
    }
    return dims;
  }

  private static int readDimension(DataInputStream in, String source, int index)
      throws IOException {
    int d;
    try {
      d = in.readInt();
    } catch (EOFException e) {
      throw new IdxFormatException(source + " ends inside its IDX header; it is truncated.", e);
    }
    if (d < 0 || (index > 0 && d == 0)) {
      throw new IdxFormatException(
          source
              + " declares dimension "
              + index
              + " = "
              + d
              + "; expected a positive size."
              + " The header is corrupt.");
    }
    return d;
  }

  private static String wrongMagic(String source, int magic, int expected) {
    String found = String.format("0x%08X", magic);
    String want = String.format("0x%08X", expected);
    String kind = expected == IdxReader.IMAGE_MAGIC ? "an image file (N×H×W)" : "a label file (N)";
    if (magic == IdxReader.IMAGE_MAGIC || magic == IdxReader.LABEL_MAGIC) {
      String other = magic == IdxReader.IMAGE_MAGIC ? "an image file" : "a label file";
      return source
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
      return source
          + " has IDX element type "
          + String.format("0x%02X", (magic >>> 8) & 0xFF)
          + " (magic "
          + found
          + "); only unsigned bytes (0x08) are supported.";
    }
    return source
        + " starts with "
        + found
        + ", not the IDX magic "
        + want
        + " of "
        + kind
        + ". Pass an MNIST-style idx-ubyte file (plain or .gz).";
  }

  /**
   * Refuses a plain file whose size is not the header's plus the data's; skips gzipped files
   * ({@code plainSize} −1).
   */
  static void checkPlainSize(String source, long plainSize, long headerBytes, long dataBytes)
      throws IOException {
    if (plainSize < 0) {
      return; // The uncompressed size is unknown until read; truncation shows up as EOF then.
    }
    long expected = headerBytes + dataBytes;
    if (plainSize != expected) {
      throw new IdxFormatException(
          source
              + " is "
              + plainSize
              + " bytes but its header declares "
              + expected
              + " ("
              + headerBytes
              + " header + "
              + dataBytes
              + " data); the file is "
              + (plainSize < expected ? "truncated" : "followed by extra bytes")
              + ". Download it again.");
    }
  }
}
