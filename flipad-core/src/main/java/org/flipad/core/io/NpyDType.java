package org.flipad.core.io;

import java.util.Arrays;
import java.util.Optional;

/**
 * The element types this package reads from {@code .npy} files, with their NumPy descriptors.
 *
 * <p>All multi-byte types are little-endian. Only {@link #FLOAT32} and {@link #FLOAT64} can be
 * written by {@link NpyWriter}.
 */
public enum NpyDType {
  /** 32-bit IEEE float, descriptor {@code <f4}. */
  FLOAT32("<f4", 4),
  /** 64-bit IEEE float, descriptor {@code <f8}. */
  FLOAT64("<f8", 8),
  /** Unsigned byte, descriptor {@code |u1}. */
  UINT8("|u1", 1),
  /** Signed 32-bit integer, descriptor {@code <i4}. */
  INT32("<i4", 4),
  /** Signed 64-bit integer, descriptor {@code <i8}. */
  INT64("<i8", 8);

  private final String descr;
  private final int itemSize;

  NpyDType(String descr, int itemSize) {
    this.descr = descr;
    this.itemSize = itemSize;
  }

  /** The NumPy descriptor string as {@code numpy.save} writes it, e.g. {@code <f4}. */
  public String descr() {
    return descr;
  }

  /** Bytes per element. */
  public int itemSize() {
    return itemSize;
  }

  /** Whether {@link NpyWriter} can write this type. */
  public boolean isWritable() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /**
   * The type for a descriptor; {@code <u1}, {@code >u1}, {@code =u1} and {@code u1} are accepted as
   * aliases of {@code |u1}.
   *
   * @param descr a NumPy descriptor such as {@code <f4}
   * @return the type, or empty when this package does not support the descriptor
   */
  public static Optional<NpyDType> fromDescr(String descr) {
    // A single byte has no byte order: NumPy writes |u1 but other writers use <u1, >u1 or u1.
    String normalised = descr.matches("[<>=]?u1") ? "|u1" : descr;
    return Arrays.stream(values()).filter(t -> t.descr.equals(normalised)).findFirst();
  }
}
