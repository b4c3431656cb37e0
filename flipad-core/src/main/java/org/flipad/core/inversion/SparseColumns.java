package org.flipad.core.inversion;

import java.util.Arrays;

/**
 * A final layer's operator W (m × p, m = output size, p = activation size) stored by columns
 * (compressed sparse column), with double-precision products.
 *
 * <p>Convolutional final layers are local: column j, the effect of one activation entry, holds at
 * most C_out·k² non-zeros. Coordinate descent and the duality gap exploit this; dense layers are
 * stored the same way with full columns. Values are the layer's float32 weights, exactly; all
 * arithmetic is in double. Instances are immutable and safe to share between threads.
 */
public final class SparseColumns {

  private final int rows;
  private final int[] columnStart;
  private final int[] rowIndex;
  private final float[] value;
  private final double[] columnNormSquared;

  private SparseColumns(int rows, int[] columnStart, int[] rowIndex, float[] value) {
    this.rows = rows;
    this.columnStart = columnStart;
    this.rowIndex = rowIndex;
    this.value = value;
    this.columnNormSquared = new double[columnStart.length - 1];
    for (int j = 0; j < columnNormSquared.length; j++) {
      double sum = 0;
      for (int e = columnStart[j]; e < columnStart[j + 1]; e++) {
        sum += (double) value[e] * value[e];
      }
      columnNormSquared[j] = sum;
    }
  }

  /** Builds the columns of {@code layer}'s operator (without bias). */
  public static SparseColumns of(FinalLayer layer) {
    int p = layer.inputShape().size();
    int[] start = new int[p + 1];
    for (int j = 0; j < p; j++) {
      int[] count = {0};
      visit(layer, j, (row, w) -> count[0]++);
      start[j + 1] = start[j] + count[0];
    }
    int[] rowIndex = new int[start[p]];
    float[] value = new float[start[p]];
    int[] cursor = {0};
    for (int j = 0; j < p; j++) {
      visit(
          layer,
          j,
          (row, w) -> {
            rowIndex[cursor[0]] = row;
            value[cursor[0]++] = w;
          });
    }
    return new SparseColumns(layer.outputShape().size(), start, rowIndex, value);
  }

  /** Number of rows m (output size). */
  public int rows() {
    return rows;
  }

  /** Number of columns p (activation size). */
  public int columns() {
    return columnNormSquared.length;
  }

  /** Number of stored non-zeros. */
  public int nonZeros() {
    return rowIndex.length;
  }

  /** ‖W_j‖², the squared norm of column j. */
  public double columnNormSquared(int j) {
    return columnNormSquared[j];
  }

  /** ⟨W_j, u⟩ for a vector u of length m. */
  public double dot(int j, double[] u) {
    double sum = 0;
    for (int e = columnStart[j]; e < columnStart[j + 1]; e++) {
      sum += value[e] * u[rowIndex[e]];
    }
    return sum;
  }

  /**
   * Where each column starts in {@link #rowIndices()} and {@link #values()}: column j holds entries
   * [columnStarts()[j], columnStarts()[j + 1]). The arrays are this instance's own, handed out for
   * the batched kernels' inner loops: read them, never write them.
   */
  int[] columnStarts() {
    return columnStart;
  }

  /** The row of every stored entry, column by column (see {@link #columnStarts()}). */
  int[] rowIndices() {
    return rowIndex;
  }

  /** The value of every stored entry, column by column (see {@link #columnStarts()}). */
  float[] values() {
    return value;
  }

  /** Visits the stored entries of column j: row index and value. */
  void forEachEntry(int j, ColumnVisitor visitor) {
    for (int e = columnStart[j]; e < columnStart[j + 1]; e++) {
      visitor.entry(rowIndex[e], value[e]);
    }
  }

  /** u ← u + alpha·W_j. */
  public void addColumn(int j, double alpha, double[] u) {
    for (int e = columnStart[j]; e < columnStart[j + 1]; e++) {
      u[rowIndex[e]] += alpha * value[e];
    }
  }

  /**
   * out ← W·a.
   *
   * @param a [p]
   * @param out [m], overwritten
   */
  public void multiply(double[] a, double[] out) {
    Arrays.fill(out, 0);
    for (int j = 0; j < columnNormSquared.length; j++) {
      if (a[j] != 0) {
        addColumn(j, a[j], out);
      }
    }
  }

  /**
   * out ← Wᵀ·u.
   *
   * @param u [m]
   * @param out [p], overwritten
   */
  public void multiplyTransposed(double[] u, double[] out) {
    for (int j = 0; j < columnNormSquared.length; j++) {
      out[j] = dot(j, u);
    }
  }

  private static void visit(FinalLayer layer, int j, ColumnVisitor visitor) {
    TensorShape in = layer.inputShape();
    int c = j / (in.height() * in.width());
    int i = (j / in.width()) % in.height();
    int x = j % in.width();
    if (layer instanceof ConvTransposeLayer t) {
      t.visitColumn(c, i, x, visitor);
    } else if (layer instanceof ConvLayer conv) {
      conv.visitColumn(c, i, x, visitor);
    } else if (layer instanceof DenseLayer dense) {
      dense.visitColumn(j, visitor);
    }
  }
}
