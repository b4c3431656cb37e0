package org.flipad.core.inversion;

/**
 * Gaussian elimination with partial pivoting for the tiny K×K systems of Anderson extrapolation.
 */
final class SmallLinearSystem {

  private SmallLinearSystem() {}

  /** Solves A·z = 1 (A is copied); null when A is numerically singular. */
  static double[] solveOnes(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][n + 1];
    double largest = 0;
    for (int i = 0; i < n; i++) {
      System.arraycopy(matrix[i], 0, a[i], 0, n);
      a[i][n] = 1;
      largest = Math.max(largest, Math.abs(matrix[i][i]));
    }
    if (largest == 0) {
      return null;
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      if (Math.abs(a[pivot][col]) <= 1e-14 * largest) {
        return null;
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int row = col + 1; row < n; row++) {
        double f = a[row][col] / a[col][col];
        for (int k = col; k <= n; k++) {
          a[row][k] -= f * a[col][k];
        }
      }
    }
    double[] z = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double sum = a[row][n];
      for (int k = row + 1; k < n; k++) {
        sum -= a[row][k] * z[k];
      }
      z[row] = sum / a[row][row];
    }
    return z;
  }
}
