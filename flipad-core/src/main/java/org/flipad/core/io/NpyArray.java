package org.flipad.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A whole {@code .npy} array held in memory: element type, shape and the raw little-endian bytes.
 *
 * <p>Values are converted on request: {@link #toDoubleArray()} is exact for every supported type
 * except int64 values beyond ±2^53; {@link #toFloatArray()} rounds float64, int32 and int64 to the
 * nearest float. Both return the elements flattened in C order. Immutable.
 */
public final class NpyArray {
  private final NpyDType dtype;
  private final long[] shape;
  private final byte[] data;

  NpyArray(NpyDType dtype, long[] shape, byte[] data) {
    this.dtype = dtype;
    this.shape = shape.clone();
    this.data = data;
  }

  /** The element type stored in the file. */
  public NpyDType dtype() {
    return dtype;
  }

  /** A copy of the shape in C order; empty for a 0-d (scalar) array. */
  public long[] shape() {
    return shape.clone();
  }

  /** Number of elements, the product of the shape. */
  public int elementCount() {
    return data.length / dtype.itemSize();
  }

  /** The elements as doubles, flattened in C order; length {@link #elementCount()}. */
  public double[] toDoubleArray() {
    double[] values = new double[elementCount()];
    NpyValues.decode(buffer(), dtype, values);
    return values;
  }

  /** The elements as floats, flattened in C order; length {@link #elementCount()}. */
  public float[] toFloatArray() {
    float[] values = new float[elementCount()];
    NpyValues.decode(buffer(), dtype, values);
    return values;
  }

  private ByteBuffer buffer() {
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public String toString() {
    return "NpyArray[" + dtype.descr() + ", shape " + NpyHeader.shapeRepr(shape) + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray other
        && dtype == other.dtype
        && Arrays.equals(shape, other.shape)
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
  }
}
