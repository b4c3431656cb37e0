package org.flipad.core.attribution;

import org.flipad.core.inversion.RecoveredActivation;

/**
 * How one image's inversion went, for reports and verdicts.
 *
 * @param objective P(δ̂) = ½‖W·δ̂ − r‖² + λ‖δ̂‖₁
 * @param relativeGap the duality gap over P(δ̂), a certificate of how far from optimal δ̂ is
 * @param iterations solver iterations or coordinate-descent epochs
 * @param millis solve time
 * @param stopReason why the solver stopped (e.g. CONVERGED, ITERATION_CAP)
 */
public record SolverStatistics(
    double objective, double relativeGap, int iterations, double millis, String stopReason) {

  /** The statistics of one inversion result. */
  public static SolverStatistics of(RecoveredActivation result) {
    return new SolverStatistics(
        result.objective(),
        result.certificate().relativeGap(),
        result.iterations(),
        result.nanos() / 1e6,
        result.stopReason().name());
  }
}
