package org.flipad.core.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads {@code .npy} files (format 1.0, 2.0 or 3.0; little-endian; C order) whole or row by row.
 *
 * <p>Supported dtypes are those of {@link NpyDType}. Big-endian, Fortran-order, object and
 * structured arrays are refused, as are files shorter or longer than their header promises, each
 * with an {@link NpyFormatException} naming the file and the problem.
 *
 * <p>{@link #readAll(Path)} loads a small array. {@link #open(Path)} streams a large one: a row is
 * {@code shape[0]}'s slice, {@link #rowSize()} values in C order (an array of shape {@code [N, 64,
 * 14, 14]} has N rows of 12,544 values), and memory use is one row plus a 64 KiB buffer. A reader
 * is not thread safe.
 */
public final class NpyReader implements AutoCloseable {
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path path;
  private final NpyHeader header;
  private final DataInputStream in;
  private final int rowSize;
  private final ByteBuffer rowBytes;
  private long rowsRead;

  private NpyReader(Path path, NpyHeader header, DataInputStream in, int rowSize) {
    this.path = path;
    this.header = header;
    this.in = in;
    this.rowSize = rowSize;
    this.rowBytes =
        ByteBuffer.allocate(rowSize * header.dtype().itemSize()).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Reads a whole array into memory.
   *
   * @param path a {@code .npy} file of at most 2 GiB of data
   * @return the array with its dtype and shape
   * @throws NpyFormatException when the file is not a supported, complete {@code .npy} array, or
   *     its data exceeds 2 GiB (stream it with {@link #open(Path)} instead)
   * @throws IOException when the file cannot be read
   */
  public static NpyArray readAll(Path path) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES)) {
      NpyHeader header = readCheckedHeader(raw, path);
      long bytes = header.dataBytes();
      if (bytes > Integer.MAX_VALUE - 8) {
        throw new NpyFormatException(
            path
                + " holds "
                + bytes
                + " data bytes; readAll is limited to 2 GiB. Stream it"
                + " row by row with NpyReader.open.");
      }
      byte[] data = new byte[(int) bytes];
      readFully(new DataInputStream(raw), data, path, "the data");
      return new NpyArray(header.dtype(), header.shape(), data);
    }
  }

  /**
   * Opens a file for reading row by row.
   *
   * @param path a {@code .npy} file with at least one dimension
   * @return a reader positioned before the first row
   * @throws NpyFormatException when the file is not a supported, complete {@code .npy} array, is
   *     0-d, or its rows exceed 2 GiB each
   * @throws IOException when the file cannot be read
   */
  public static NpyReader open(Path path) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES);
    try {
      NpyHeader header = readCheckedHeader(raw, path);
      return new NpyReader(path, header, new DataInputStream(raw), rowSizeOf(header, path));
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private static int rowSizeOf(NpyHeader header, Path path) throws NpyFormatException {
    long[] shape = header.shape();
    if (shape.length == 0) {
      throw new NpyFormatException(
          path + " holds a 0-d (scalar) array, which has no rows. Read it with readAll.");
    }
    long rowSize = 1;
    try {
      for (int i = 1; i < shape.length; i++) {
        rowSize = Math.multiplyExact(rowSize, shape[i]);
      }
      rowSize = Math.multiplyExact(rowSize, header.dtype().itemSize()) / header.dtype().itemSize();
    } catch (ArithmeticException e) {
      rowSize = Long.MAX_VALUE; // Only compared with the limit below.
    }
    if (rowSize > (Integer.MAX_VALUE - 8) / header.dtype().itemSize()) {
      throw new NpyFormatException(
          path
              + " has rows of "
              + rowSize
              + " elements, over 2 GiB each; a row must fit in one"
              + " Java array. Reshape the array so that the first axis is longer.");
    }
    return (int) rowSize;
  }

  private static NpyHeader readCheckedHeader(InputStream in, Path path) throws IOException {
    NpyHeader header = NpyHeader.read(in, path.toString());
    long expected;
    try {
      expected = Math.addExact(header.dataOffset(), header.dataBytes());
    } catch (ArithmeticException e) {
      throw new NpyFormatException(
          path
              + " declares shape "
              + NpyHeader.shapeRepr(header.shape())
              + ", too large to"
              + " address. The header is corrupt.",
          e);
    }
    long actual = Files.size(path);
    if (actual != expected) {
      throw new NpyFormatException(sizeMismatch(path, header, expected, actual));
    }
    return header;
  }

  private static String sizeMismatch(Path path, NpyHeader header, long expected, long actual) {
    String declared =
        "header declares "
            + header.dtype().descr()
            + " shape "
            + NpyHeader.shapeRepr(header.shape())
            + " = "
            + header.dataBytes()
            + " data bytes";
    if (actual < expected) {
      return path
          + " is truncated: its "
          + declared
          + " but only "
          + Math.max(0, actual - header.dataOffset())
          + " follow the header. Write it again.";
    }
    return path
        + " has "
        + (actual - expected)
        + " bytes after the data: its "
        + declared
        + ". The file is corrupt or was appended to; write it again.";
  }

  /** The element type stored in the file. */
  public NpyDType dtype() {
    return header.dtype();
  }

  /** A copy of the shape, {@code shape[0]} being the row count. */
  public long[] shape() {
    return header.shape().clone();
  }

  /** Number of rows, {@code shape[0]}. */
  public long rowCount() {
    return header.shape()[0];
  }

  /** Values per row: the product of {@code shape[1..]}. */
  public int rowSize() {
    return rowSize;
  }

  /** Rows read so far. */
  public long rowsRead() {
    return rowsRead;
  }

  /** Whether another row remains. */
  public boolean hasNextRow() {
    return rowsRead < rowCount();
  }

  /**
   * Reads the next row as doubles (int64 beyond ±2^53 loses precision).
   *
   * @param into {@link #rowSize()} slots receiving the row in C order
   * @throws IllegalArgumentException when {@code into} has the wrong length
   * @throws IllegalStateException when no row remains
   * @throws IOException when the file cannot be read or ends early
   */
  public void readRow(double[] into) throws IOException {
    nextRowBytes(into.length);
    NpyValues.decode(rowBytes, header.dtype(), into);
  }

  /**
   * Reads the next row as floats (float64, int32 and int64 are rounded to the nearest float).
   *
   * @param into {@link #rowSize()} slots receiving the row in C order
   * @throws IllegalArgumentException when {@code into} has the wrong length
   * @throws IllegalStateException when no row remains
   * @throws IOException when the file cannot be read or ends early
   */
  public void readRow(float[] into) throws IOException {
    nextRowBytes(into.length);
    NpyValues.decode(rowBytes, header.dtype(), into);
  }

  private void nextRowBytes(int length) throws IOException {
    if (length != rowSize) {
      throw new IllegalArgumentException(
          "Row buffer for "
              + path
              + " has "
              + length
              + " slots; rows have "
              + rowSize
              + " values (shape "
              + Arrays.toString(header.shape())
              + "). Allocate rowSize().");
    }
    if (!hasNextRow()) {
      throw new IllegalStateException(
          "All " + rowCount() + " rows of " + path + " were read. Check hasNextRow() first.");
    }
    rowBytes.clear();
    readFully(in, rowBytes.array(), path, "row " + rowsRead);
    rowsRead++;
  }

  private static void readFully(DataInputStream in, byte[] into, Path path, String what)
      throws IOException {
    try {
      in.readFully(into);
    } catch (EOFException e) {
      throw new NpyFormatException(
          path + " ended inside " + what + "; the file is truncated. Write it again.", e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
