package org.flipad.core.inversion;

import java.util.Arrays;

/**
 * The Gram matrix W_SᵀW_S of a support S (in the given order), stored by envelope for {@link
 * ProfileCholesky}: row k holds columns first[k]…k. Built through the rows of W: two support
 * columns interact only where they share an output entry.
 *
 * @param first first stored column of each row
 * @param rows row k holds (W_SᵀW_S)[k][first[k]…k]
 */
record SupportGram(int[] first, double[][] rows) {

  static SupportGram build(SparseColumns w, int[] support) {
    int m = w.rows();
    int[] rowStart = new int[m + 1];
    for (int j : support) {
      w.forEachEntry(j, (row, value) -> rowStart[row + 1]++);
    }
    for (int i = 0; i < m; i++) {
      rowStart[i + 1] += rowStart[i];
    }
    int[] member = new int[rowStart[m]];
    double[] weight = new double[rowStart[m]];
    int[] cursor = Arrays.copyOf(rowStart, m);
    for (int k = 0; k < support.length; k++) {
      int position = k;
      w.forEachEntry(
          support[k],
          (row, value) -> {
            member[cursor[row]] = position;
            weight[cursor[row]++] = value;
          });
    }
    int[] first = envelope(support.length, rowStart, member);
    double[][] rows = new double[support.length][];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = new double[k - first[k] + 1];
    }
    for (int row = 0; row < m; row++) {
      for (int a = rowStart[row]; a < rowStart[row + 1]; a++) {
        for (int b = a; b < rowStart[row + 1]; b++) {
          int hi = member[b];
          rows[hi][member[a] - first[hi]] += weight[a] * weight[b];
        }
      }
    }
    return new SupportGram(first, rows);
  }

  /** Members of a row were appended in increasing k, so a row's first member is its smallest. */
  private static int[] envelope(int size, int[] rowStart, int[] member) {
    int[] first = new int[size];
    for (int k = 0; k < size; k++) {
      first[k] = k;
    }
    for (int row = 0; row + 1 < rowStart.length; row++) {
      for (int e = rowStart[row] + 1; e < rowStart[row + 1]; e++) {
        first[member[e]] = Math.min(first[member[e]], member[rowStart[row]]);
      }
    }
    return first;
  }
}
