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
