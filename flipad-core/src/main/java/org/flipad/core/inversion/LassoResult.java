package org.flipad.core.inversion;

/**
 * One lasso solution.
 *
 * @param delta δ̂, [p] double (the activation is ā + δ̂)
 * @param certificate P(δ̂), a dual value and the gap, in double precision
 * @param iterations FISTA iterations, or coordinate-descent epochs over working sets
 * @param nanos wall time from the start of the solve until this sample stopped (for a batched
 *     solver, samples of one batch share the clock)
 * @param stopReason why it stopped
 */
public record LassoResult(
    double[] delta,
    DualityCertificate certificate,
    int iterations,
    long nanos,
    StopReason stopReason) {

  /** P(δ̂). */
  public double objective() {
    return certificate.primal();
  }
}
