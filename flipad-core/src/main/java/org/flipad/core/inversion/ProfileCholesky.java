package org.flipad.core.inversion;

/**
 * Cholesky factorisation H = L·Lᵀ of a symmetric positive definite matrix stored by its envelope
 * (profile): row i holds columns first[i]…i. L has the same envelope, so the cost is Σ (i −
 * first[i])², small when the rows are ordered so that interacting coordinates are close (for
 * convolutional final layers: spatial raster order).
 */
final class ProfileCholesky {

  private final int[] first;
  private final double[][] rows;

  private ProfileCholesky(int[] first, double[][] rows) {
    this.first = first;
    this.rows = rows;
  }

  /**
   * Factorises in place; returns null when a pivot is not positive (H singular or indefinite).
   *
   * @param first first stored column of each row
   * @param rows row i holds H[i][first[i]…i], overwritten by L
   */
  static ProfileCholesky factor(int[] first, double[][] rows) {
    for (int i = 0; i < rows.length; i++) {
      double[] li = rows[i];
      int fi = first[i];
      for (int j = fi; j <= i; j++) {
        double[] lj = rows[j];
        int fj = first[j];
        double sum = li[j - fi];
        for (int k = Math.max(fi, fj); k < j; k++) {
          sum -= li[k - fi] * lj[k - fj];
        }
        if (j < i) {
          li[j - fi] = sum / lj[j - fj];
        } else if (sum > 0) {
          li[i - fi] = Math.sqrt(sum);
        } else {
          return null;
        }
      }
    }
    return new ProfileCholesky(first, rows);
  }

  /** Entries of L below and on the diagonal that the envelope stores. */
  long storedEntries() {
    long n = 0;
    for (double[] row : rows) {
      n += row.length;
    }
    return n;
  }

  /**
   * Solves H·X = B for several right-hand sides at once, overwriting B with X; {@code b[i]} holds
   * row i of every right-hand side (the images are the innermost axis, so each entry of L is
   * applied to all of them in one loop the JIT turns into SIMD). Each right-hand side sees the same
   * operations in the same order whatever else is in the batch.
   *
   * @param b [n][lanes]
   * @param scratch [lanes] working space
   */
  void solveLanesInPlace(double[][] b, double[] scratch) {
    int lanes = scratch.length;
    // Forward: L·v = b, row by row, four stored entries per pass.
    for (int i = 0; i < rows.length; i++) {
      double[] li = rows[i];
      int fi = first[i];
      java.util.Arrays.fill(scratch, 0);
      int k = fi;
      for (; k + 3 < i; k += 4) {
        double c0 = li[k - fi];
        double c1 = li[k + 1 - fi];
        double c2 = li[k + 2 - fi];
        double c3 = li[k + 3 - fi];
        double[] r0 = b[k];
        double[] r1 = b[k + 1];
        double[] r2 = b[k + 2];
        double[] r3 = b[k + 3];
        for (int n = 0; n < lanes; n++) {
          scratch[n] += c0 * r0[n] + c1 * r1[n] + c2 * r2[n] + c3 * r3[n];
        }
      }
      for (; k < i; k++) {
        double c0 = li[k - fi];
        double[] r0 = b[k];
        for (int n = 0; n < lanes; n++) {
          scratch[n] += c0 * r0[n];
        }
      }
      double pivot = li[i - fi];
      double[] bi = b[i];
      for (int n = 0; n < lanes; n++) {
        bi[n] = (bi[n] - scratch[n]) / pivot;
      }
    }
    // Backward: Lᵀ·x = v, column by column of L (row i of L is column i of Lᵀ), so L is read in
    // the order it is stored and no transposed copy is kept.
    for (int i = rows.length - 1; i >= 0; i--) {
      double[] li = rows[i];
      int fi = first[i];
      double pivot = li[i - fi];
      double[] bi = b[i];
      for (int n = 0; n < lanes; n++) {
        bi[n] /= pivot;
      }
      for (int k = fi; k < i; k++) {
        double c = li[k - fi];
        double[] bk = b[k];
        for (int n = 0; n < lanes; n++) {
          bk[n] -= c * bi[n];
        }
      }
    }
  }

  /** Solves H·x = b, overwriting b with x. */
  void solveInPlace(double[] b) {
    for (int i = 0; i < rows.length; i++) {
      double[] li = rows[i];
      int fi = first[i];
      double sum = b[i];
      for (int k = fi; k < i; k++) {
        sum -= li[k - fi] * b[k];
      }
      b[i] = sum / li[i - fi];
    }
    for (int i = rows.length - 1; i >= 0; i--) {
      double[] li = rows[i];
      int fi = first[i];
      b[i] /= li[i - fi];
      double xi = b[i];
      for (int k = fi; k < i; k++) {
        b[k] -= li[k - fi] * xi;
      }
    }
  }
}
