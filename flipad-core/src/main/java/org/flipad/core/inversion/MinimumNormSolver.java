package org.flipad.core.inversion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The minimum-norm lift δ̂ = Wᵀ(W·Wᵀ + εI)⁻¹·r, the closed-form solution of the ridge problem
 * argmin_δ ½‖W·δ − r‖² + (ε/2)‖δ‖², in place of the lasso's iterative solution.
 *
 * <p>Why it replaces the lasso for detection: the recovered activation then lies in the row space
 * of W, so every image maps through one fixed linear operator after σ⁻¹; on the zoo's layers this
 * separated generated from real images better than the lasso and at a fraction of its cost (see
 * docs/detectors.md). The regularisation ε = {@code ridgeFactor} × mean diag(W·Wᵀ) keeps the solve
 * well conditioned when W·Wᵀ is near singular.
 *
 * <p>Construction forms W·Wᵀ + εI (m × m, m = the layer's output size) densely, so it is refused
 * above {@link #MAX_OUTPUTS} outputs, and factorises it by a Cholesky decomposition of its envelope
 * ({@link ProfileCholesky}): for a convolutional layer in raster order two outputs interact only
 * when they share an input, so row i of the factor is non-zero only from at most three image rows
 * before i (68 of 784 entries on average on the zoo's 28×28 layers) and the fill-in stays inside
 * that envelope. Each image then costs two banded triangular solves and one adjoint, run for up to
 * 64 images at once with the images as the innermost (SIMD) axis; for a dense layer the envelope is
 * the whole triangle and the cost that of a dense Cholesky. The result depends only on W, ε and r:
 * no iteration count, thread count or clock enters it.
 *
 * <p>λ plays no part; the certificate reports the ridge objective with a zero gap, since the
 * solution is exact up to rounding. Thread-safe: the factor is immutable.
 */
public final class MinimumNormSolver implements LassoSolver {

  /** Largest output size m factorised densely (L and Lᵀ, 2·m² doubles: 256 MiB at 4,096). */
  public static final int MAX_OUTPUTS = 4_096;

  private final SparseColumns columns;
  private final double epsilon;
  private final ProfileCholesky factor;
  private final int m;
  private final int[] columnStart;
  private final int[] rowIndex;
  private final float[] value;

  /** Images solved together: their right-hand sides then stay within a core's caches. */
  private static final int MAX_LANES = 64;

  /**
   * Factorises W·Wᵀ + εI.
   *
   * @param layer the final layer W
   * @param ridgeFactor ε as a multiple of the mean diagonal of W·Wᵀ, &gt; 0 (default 1e-3)
   * @throws IllegalArgumentException when the layer has more than {@link #MAX_OUTPUTS} outputs or
   *     the factor is not finite and positive
   */
  public MinimumNormSolver(FinalLayer layer, double ridgeFactor) {
    if (!(ridgeFactor > 0) || !Double.isFinite(ridgeFactor)) {
      throw new IllegalArgumentException(
          "The minimum-norm ridge factor is "
              + ridgeFactor
              + "; expected a finite value > 0 (default 1e-3 of the mean diagonal of W·Wᵀ).");
    }
    this.columns = layer.columns();
    this.m = columns.rows();
    if (m > MAX_OUTPUTS) {
      throw new IllegalArgumentException(
          String.format(
              "The minimum-norm inversion factorises W·Wᵀ densely, but this layer has %d outputs"
                  + " (%s); the limit is %d. Use the 'paper' recipe for images this large.",
              m, layer.outputShape(), MAX_OUTPUTS));
    }
    double[] gram = gram(columns, m);
    double meanDiagonal = 0;
    for (int i = 0; i < m; i++) {
      meanDiagonal += gram[i * m + i];
    }
    meanDiagonal /= m;
    this.epsilon = ridgeFactor * meanDiagonal;
    for (int i = 0; i < m; i++) {
      gram[i * m + i] += epsilon;
    }
    this.factor = envelopeCholesky(gram, m);
    this.columnStart = columns.columnStarts();
    this.rowIndex = columns.rowIndices();
    this.value = columns.values();
  }

  /** ε, the absolute ridge added to the diagonal. */
  public double epsilon() {
    return epsilon;
  }

  @Override
  public String name() {
    return "min-norm";
  }

  @Override
  public List<LassoResult> solve(LassoBatch batch) {
    for (int n = 0; n < batch.size(); n++) {
      if (batch.targets()[n].length != m) {
        throw new IllegalArgumentException(
            "Target "
                + n
                + " has "
                + batch.targets()[n].length
                + " values; the layer has "
                + m
                + " outputs.");
      }
    }
    List<LassoResult> results = new ArrayList<>(batch.size());
    for (int from = 0; from < batch.size(); from += MAX_LANES) {
      int to = Math.min(batch.size(), from + MAX_LANES);
      long started = System.nanoTime();
      double[][] u = new double[to - from][];
      double[][] deltas = solveLanes(batch.targets(), from, to, u);
      long nanos = (System.nanoTime() - started) / (to - from);
      for (int n = from; n < to; n++) {
        results.add(
            new LassoResult(
                deltas[n - from],
                certificate(deltas[n - from], u[n - from]),
                1,
                nanos,
                StopReason.EXACT));
      }
    }
    return results;
  }

  /**
   * δ̂ for images [from, to) (and u = (W·Wᵀ + εI)⁻¹r in {@code uOut}), with the images as the
   * innermost axis: each entry of the factor and of W is applied to every image in one loop the JIT
   * turns into SIMD. Every image sees the same operations in the same order whatever else is in the
   * batch, so results depend on the image only.
   */
  private double[][] solveLanes(double[][] targets, int from, int to, double[][] uOut) {
    int lanes = to - from;
    double[][] u = new double[m][lanes];
    for (int b = 0; b < lanes; b++) {
      double[] r = targets[from + b];
      for (int i = 0; i < m; i++) {
        u[i][b] = r[i];
      }
    }
    factor.solveLanesInPlace(u, new double[lanes]);
    for (int b = 0; b < lanes; b++) {
      uOut[b] = new double[m];
      for (int i = 0; i < m; i++) {
        uOut[b][i] = u[i][b];
      }
    }
    double[][] delta = new double[lanes][columns.columns()];
    double[] sum = new double[lanes];
    for (int j = 0; j < columns.columns(); j++) {
      Arrays.fill(sum, 0);
      for (int e = columnStart[j]; e < columnStart[j + 1]; e++) {
        double[] uRow = u[rowIndex[e]];
        double w = value[e];
        for (int b = 0; b < lanes; b++) {
          sum[b] += w * uRow[b];
        }
      }
      for (int b = 0; b < lanes; b++) {
        delta[b][j] = sum[b];
      }
    }
    return delta;
  }

  /**
   * The ridge objective ½‖W·δ − r‖² + (ε/2)‖δ‖² of an exact solution, so the gap is 0. With δ = Wᵀu
   * and (W·Wᵀ + εI)·u = r, the residual W·δ − r is −εu, so no product with W is needed.
   */
  private DualityCertificate certificate(double[] delta, double[] u) {
    double value = 0;
    for (double x : u) {
      value += 0.5 * epsilon * epsilon * x * x;
    }
    for (double d : delta) {
      value += 0.5 * epsilon * d * d;
    }
    return new DualityCertificate(value, value, 0);
  }

  /** G = W·Wᵀ, [m·m] row-major, accumulated column by column (each column is one small patch). */
  private static double[] gram(SparseColumns columns, int m) {
    double[] gram = new double[m * m];
    int[] rows = new int[m];
    double[] values = new double[m];
    for (int j = 0; j < columns.columns(); j++) {
      int[] count = {0};
      columns.forEachEntry(
          j,
          (row, value) -> {
            rows[count[0]] = row;
            values[count[0]++] = value;
          });
      for (int a = 0; a < count[0]; a++) {
        int offset = rows[a] * m;
        for (int b = 0; b < count[0]; b++) {
          gram[offset + rows[b]] += values[a] * values[b];
        }
      }
    }
    return gram;
  }

  /**
   * The Cholesky factor of the SPD matrix {@code a} ([m·m] row-major), stored by the envelope of
   * its lower triangle: row i from its first non-zero column. Cholesky creates no fill-in left of a
   * row's first non-zero, so the factor is exact, not an approximation.
   */
  private static ProfileCholesky envelopeCholesky(double[] a, int m) {
    int[] first = new int[m];
    double[][] rows = new double[m][];
    for (int i = 0; i < m; i++) {
      int f = 0;
      while (f < i && a[i * m + f] == 0) {
        f++;
      }
      first[i] = f;
      rows[i] = Arrays.copyOfRange(a, i * m + f, i * m + i + 1);
    }
    ProfileCholesky factor = ProfileCholesky.factor(first, rows);
    if (factor == null) {
      throw new IllegalStateException(
          "W·Wᵀ + εI is not positive definite; the layer's weights are not finite or ε is too"
              + " small.");
    }
    return factor;
  }

  @Override
  public void close() {
    // Nothing native: the factor is a Java array.
  }
}
