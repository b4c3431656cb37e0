package org.flipad.core.inversion;

/** Receives the non-zero entries of one column of a final layer's operator W. */
@FunctionalInterface
interface ColumnVisitor {
  void entry(int outputIndex, float value);
}
