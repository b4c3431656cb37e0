package org.flipad.core.inversion;

import java.util.SplittableRandom;

/**
 * Spectral norm ‖W‖₂ of a final layer's operator by power iteration on WᵀW, in double precision.
 *
 * <p>‖W‖₂² is the Lipschitz constant L of ∇ ½‖W·δ − r‖², so 1/L is the largest safe FISTA step.
 */
public final class OperatorNorm {

  private OperatorNorm() {}

  /**
   * Estimates ‖W‖₂ to a relative change below {@code tolerance} between iterations.
   *
   * @param columns the operator
   * @param maxIterations iteration cap (e.g. 500)
   * @param tolerance relative change that stops the iteration (e.g. 1e-7)
   * @param seed seed of the random start vector
   * @return the estimate of the largest singular value
   */
  public static double spectralNorm(
      SparseColumns columns, int maxIterations, double tolerance, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[columns.columns()];
    for (int j = 0; j < v.length; j++) {
      v[j] = random.nextDouble() - 0.5;
    }
    double[] u = new double[columns.rows()];
    double estimate = 0;
    for (int iteration = 0; iteration < maxIterations; iteration++) {
      double norm = norm(v);
      if (norm == 0) {
        return 0;
      }
      scale(v, 1 / norm);
      columns.multiply(v, u);
      columns.multiplyTransposed(u, v);
      double next = Math.sqrt(norm(v));
      if (Math.abs(next - estimate) <= tolerance * next) {
        return next;
      }
      estimate = next;
    }
    return estimate;
  }

  /** {@link #spectralNorm} with 500 iterations, tolerance 1e-7 and seed 0. */
  public static double spectralNorm(SparseColumns columns) {
    return spectralNorm(columns, 500, 1e-7, 0);
  }

  private static double norm(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }

  private static void scale(double[] v, double factor) {
    for (int i = 0; i < v.length; i++) {
      v[i] *= factor;
    }
  }
}
