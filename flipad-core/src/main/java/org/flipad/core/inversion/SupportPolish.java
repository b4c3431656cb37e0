package org.flipad.core.inversion;

import java.util.Arrays;

/**
 * Exact lasso solution on a support and sign pattern ("polishing"): with S a support and σ the
 * signs of δ on it, the optimum for that pattern is δ_S + d with (W_SᵀW_S)·d = W_Sᵀρ − λσ.
 *
 * <p>Why: in FLIPAD's regime (λ tiny, |S| close to the output size m) coordinate descent finds the
 * support long before its residual is accurate enough to certify a small gap (the certificate needs
 * every |W_jᵀρ| within λ·(1 + tol)); one sparse linear solve then gives ρ to machine precision.
 * W_SᵀW_S is banded when S is in spatial order, so a {@link ProfileCholesky} costs O(|S|·band²).
 * Coordinates whose sign the solve would flip leave S and the solve is repeated (a few times at
 * most); the caller keeps the result only if it lowers the objective, and coordinate descent brings
 * back any coordinate that was wrongly dropped.
 */
final class SupportPolish {

  private static final int MAX_SOLVES = 8;

  private final SparseColumns w;
  private final double lambda;
  private final int[] rank;

  /**
   * @param w the operator
   * @param lambda λ
   * @param rank position of each coordinate in a locality order (spatial raster for convolutions)
   */
  SupportPolish(SparseColumns w, double lambda, int[] rank) {
    this.w = w;
    this.lambda = lambda;
    this.rank = rank;
  }

  /**
   * Polishes δ.
   *
   * @param r the target
   * @param delta current δ (not modified)
   * @return a sign-consistent exact optimum on a subset of supp(δ), or null when none was found
   */
  double[] polish(double[] r, double[] delta) {
    int[] support = supportInRankOrder(delta);
    double[] sign = new double[support.length];
    for (int k = 0; k < support.length; k++) {
      sign[k] = Math.signum(delta[support[k]]);
    }
    for (int solve = 0; solve < MAX_SOLVES && support.length > 0; solve++) {
      double[] values = solve(r, support, sign);
      if (values == null) {
        return null;
      }
      int[] consistent = consistent(values, sign);
      if (consistent.length == support.length) {
        double[] polished = new double[delta.length];
        for (int k = 0; k < support.length; k++) {
          polished[support[k]] = values[k];
        }
        return polished;
      }
      support = select(support, consistent);
      sign = select(sign, consistent);
    }
    return null;
  }

  /** δ_S solving (W_SᵀW_S)·δ_S = W_Sᵀr − λσ, or null when W_SᵀW_S is numerically singular. */
  private double[] solve(double[] r, int[] support, double[] sign) {
    SupportGram gram = SupportGram.build(w, support);
    ProfileCholesky factor = ProfileCholesky.factor(gram.first(), gram.rows());
    if (factor == null) {
      return null;
    }
    double[] values = new double[support.length];
    for (int k = 0; k < support.length; k++) {
      values[k] = w.dot(support[k], r) - lambda * sign[k];
    }
    factor.solveInPlace(values);
    return values;
  }

  private static int[] consistent(double[] values, double[] sign) {
    int[] kept = new int[values.length];
    int n = 0;
    for (int k = 0; k < values.length; k++) {
      if (Math.signum(values[k]) == sign[k]) {
        kept[n++] = k;
      }
    }
    return Arrays.copyOf(kept, n);
  }

  private static int[] select(int[] values, int[] positions) {
    int[] out = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      out[i] = values[positions[i]];
    }
    return out;
  }

  private static double[] select(double[] values, int[] positions) {
    double[] out = new double[positions.length];
    for (int i = 0; i < positions.length; i++) {
      out[i] = values[positions[i]];
    }
    return out;
  }

  private int[] supportInRankOrder(double[] delta) {
    long[] keyed = new long[delta.length];
    int n = 0;
    for (int j = 0; j < delta.length; j++) {
      if (delta[j] != 0) {
        keyed[n++] = ((long) rank[j] << 32) | j;
      }
    }
    long[] used = Arrays.copyOf(keyed, n);
    Arrays.sort(used);
    int[] support = new int[n];
    for (int k = 0; k < n; k++) {
      support[k] = (int) used[k];
    }
    return support;
  }
}
