package org.flipad.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a float32 or float64 {@code .npy} file (format 1.0, little-endian, C order) one row at a
 * time.
 *
 * <p>The shape is fixed when the file is opened; its leading dimension is the number of rows
 * (samples), each row holding {@code shape[1] × shape[2] × …} values in C order. For example an
 * activation dump of shape {@code [N, 64, 14, 14]} float32 is written as N rows of 12,544 floats.
 * Memory use is one row plus a 64 KiB buffer, whatever N is. The header is byte-identical to the
 * one {@code numpy.save} writes, so the data starts at a multiple of 64 bytes.
 *
 * <p>{@link #close()} checks that exactly {@code shape[0]} rows were written; if not, it deletes
 * the incomplete file (its header would promise rows that are not there) and throws. Not thread
 * safe.
 */
public final class NpyWriter implements AutoCloseable {
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path path;
  private final NpyDType dtype;
  private final long[] shape;
  private final int rowSize;
  private final OutputStream out;
  private final ByteBuffer rowBytes;
  private long rowsWritten;
  private boolean closed;

  private NpyWriter(Path path, NpyDType dtype, long[] shape, int rowSize, OutputStream out) {
    this.path = path;
    this.dtype = dtype;
    this.shape = shape;
    this.rowSize = rowSize;
    this.out = out;
    this.rowBytes = ByteBuffer.allocate(rowSize * dtype.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Creates (or replaces) {@code path} and writes the header.
   *
   * @param path the file to write
   * @param dtype {@link NpyDType#FLOAT32} or {@link NpyDType#FLOAT64}
   * @param shape at least one dimension; {@code shape[0]} is the row count, all entries ≥ 0
   * @return a writer expecting {@code shape[0]} rows
   * @throws IllegalArgumentException when the dtype is not writable or the shape is invalid
   * @throws IOException when the file cannot be created
   */
  public static NpyWriter open(Path path, NpyDType dtype, long[] shape) throws IOException {
    if (!dtype.isWritable()) {
      throw new IllegalArgumentException(
          "NpyWriter writes float32 or float64, not " + dtype + ". Convert the data to float.");
    }
    long[] copy = shape.clone();
    int rowSize = validateShape(copy);
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), BUFFER_BYTES);
    try {
      out.write(NpyHeader.encode(dtype, copy));
    } catch (IOException e) {
      out.close();
      throw new IOException("Could not write the .npy header of " + path + ": " + e, e);
    }
    return new NpyWriter(path, dtype, copy, rowSize, out);
  }

  private static int validateShape(long[] shape) {
    if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 0)) {
      throw new IllegalArgumentException(
          "Shape "
              + Arrays.toString(shape)
              + " is invalid for NpyWriter; expected at least one"
              + " dimension (the row count first) and no negative entries.");
    }
    long rowSize = 1;
    for (int i = 1; i < shape.length; i++) {
      rowSize = saturatedMultiply(rowSize, shape[i]);
    }
    if (saturatedMultiply(rowSize, 8) > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "Rows of shape "
              + Arrays.toString(Arrays.copyOfRange(shape, 1, shape.length))
              + " exceed 2 GiB; a row must fit in one Java array. Split the last axes.");
    }
    return (int) rowSize;
  }

  private static long saturatedMultiply(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      // Saturate: the caller only compares the product with a limit far below Long.MAX_VALUE.
      return Long.MAX_VALUE;
    }
  }

  /** The element type being written. */
  public NpyDType dtype() {
    return dtype;
  }

  /** A copy of the full shape, {@code shape[0]} being the row count. */
  public long[] shape() {
    return shape.clone();
  }

  /** Values per row: the product of {@code shape[1..]}. */
  public int rowSize() {
    return rowSize;
  }

  /** Rows written so far. */
  public long rowsWritten() {
    return rowsWritten;
  }

  /**
   * Appends one row. For a float64 file the floats are widened exactly.
   *
   * @param row {@link #rowSize()} values in C order
   * @throws IllegalArgumentException when the row has the wrong length
   * @throws IllegalStateException when all rows were already written or the writer is closed
   * @throws IOException when writing fails
   */
  public void write(float[] row) throws IOException {
    checkRow(row.length);
    rowBytes.clear();
    if (dtype == NpyDType.FLOAT32) {
      rowBytes.asFloatBuffer().put(row);
    } else {
      for (float v : row) {
        rowBytes.putDouble(v);
      }
    }
    flushRow();
  }

  /**
   * Appends one row to a float64 file.
   *
   * @param row {@link #rowSize()} values in C order
   * @throws IllegalArgumentException when the row has the wrong length or the file is float32
   *     (narrowing would silently lose precision; convert to float[] first if that is intended)
   * @throws IllegalStateException when all rows were already written or the writer is closed
   * @throws IOException when writing fails
   */
  public void write(double[] row) throws IOException {
    if (dtype != NpyDType.FLOAT64) {
      throw new IllegalArgumentException(
          "Cannot write double[] rows to float32 file "
              + path
              + "; narrowing loses precision."
              + " Pass float[] rows, or open the file with NpyDType.FLOAT64.");
    }
    checkRow(row.length);
    rowBytes.clear();
    rowBytes.asDoubleBuffer().put(row);
    flushRow();
  }

  private void checkRow(int length) {
    if (closed) {
      throw new IllegalStateException("NpyWriter for " + path + " is closed; open a new one.");
    }
    if (length != rowSize) {
      throw new IllegalArgumentException(
          "Row "
              + rowsWritten
              + " of "
              + path
              + " has "
              + length
              + " values; expected "
              + rowSize
              + " (the product of shape "
              + Arrays.toString(shape)
              + " after the"
              + " first axis). Pass one whole sample per call.");
    }
    if (rowsWritten == shape[0]) {
      throw new IllegalStateException(
          "All "
              + shape[0]
              + " rows of "
              + path
              + " are already written; shape "
              + Arrays.toString(shape)
              + " allows no more. Open the file with a larger shape[0].");
    }
  }

  private void flushRow() throws IOException {
    out.write(rowBytes.array(), 0, rowBytes.capacity());
    rowsWritten++;
  }

  /**
   * Flushes and closes the file, then checks the row count.
   *
   * @throws IllegalStateException when fewer than {@code shape[0]} rows were written; the
   *     incomplete file has then been deleted
   * @throws IOException when flushing or closing fails
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    out.close();
    if (rowsWritten != shape[0]) {
      Files.deleteIfExists(path);
      throw new IllegalStateException(
          "Closed "
              + path
              + " after "
              + rowsWritten
              + " rows but shape "
              + Arrays.toString(shape)
              + " declares "
              + shape[0]
              + "; the incomplete file was"
              + " deleted. Write exactly shape[0] rows before closing.");
    }
  }
}
