package org.flipad.core.inversion;

/**
 * The lasso P(δ) = ½‖W·δ − r‖² + λ‖δ‖₁ and its duality gap, in double precision.
 *
 * <p>Dual point: with ρ = r − W·δ, θ = ρ / max(1, ‖Wᵀρ‖∞ / λ) is feasible and D(θ) = ½‖r‖² − ½‖r −
 * θ‖²; gap = P(δ) − D(θ) (see the inversion issue and {@link DualityCertificate}).
 */
public final class LassoObjective {

  private final SparseColumns w;
  private final double lambda;

  /**
   * @param w the operator W
   * @param lambda λ &gt; 0
   */
  public LassoObjective(SparseColumns w, double lambda) {
    if (!(lambda > 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException(
          "Lasso penalty λ must be positive and finite, got " + lambda + ". The paper uses 5e-4.");
    }
    this.w = w;
    this.lambda = lambda;
  }

  /** The operator. */
  public SparseColumns operator() {
    return w;
  }

  /** λ. */
  public double lambda() {
    return lambda;
  }

  /**
   * Certifies δ against target r.
   *
   * @param r [m] target
   * @param delta [p] candidate
   * @return P(δ), D(θ) and the gap
   */
  public DualityCertificate certify(double[] r, double[] delta) {
    double[] residual = r.clone();
    for (int j = 0; j < delta.length; j++) {
      if (delta[j] != 0) {
        w.addColumn(j, -delta[j], residual);
      }
    }
    return certifyResidual(r, delta, residual);
  }

  /**
   * Certifies δ given its residual ρ = r − W·δ (saves one product when the caller keeps ρ).
   *
   * @param r [m] target
   * @param delta [p] candidate
   * @param residual [m] r − W·δ
   */
  public DualityCertificate certifyResidual(double[] r, double[] delta, double[] residual) {
    double maxCorrelation = 0;
    for (int j = 0; j < delta.length; j++) {
      maxCorrelation = Math.max(maxCorrelation, Math.abs(w.dot(j, residual)));
    }
    double primal = primal(delta, residual);
    double dual = dual(r, residual, Math.max(1, maxCorrelation / lambda));
    return new DualityCertificate(primal, dual, primal - dual);
  }

  /** P(δ) = ½‖ρ‖² + λ‖δ‖₁ from δ and its residual ρ. */
  public double primal(double[] delta, double[] residual) {
    double l1 = 0;
    for (double d : delta) {
      l1 += Math.abs(d);
    }
    return 0.5 * squaredNorm(residual) + lambda * l1;
  }

  /** D(θ) = ½‖r‖² − ½‖r − θ‖² for θ = ρ / scale. */
  public double dual(double[] r, double[] residual, double scale) {
    double sum = 0;
    for (int i = 0; i < r.length; i++) {
      double theta = residual[i] / scale;
      sum += r[i] * r[i] - (r[i] - theta) * (r[i] - theta);
    }
    return 0.5 * sum;
  }

  static double squaredNorm(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x * x;
    }
    return sum;
  }
}
