package org.flipad.core.attribution;

import java.util.List;

/**
 * The verdict of a FLIPAD detector on one image: its DeepSAD score, how unusual that score is among
 * held-out target images, and the decision at every calibrated false-rejection level.
 *
 * <p>Every level is reported, not only the headline 0.5 %, so a caller can pick its own trade-off
 * without re-scoring; the p-value gives the same information as a single number.
 *
 * @param score s = ‖φ(x) − c‖² ≥ 0; larger means less like the target
 * @param pValue p(s) = (1 + #{validation scores ≥ s}) / (n + 1) in (0, 1] (see {@code
 *     Thresholds.pValue}); small means few target images score as high
 * @param decisions one decision per level of {@code Thresholds.LEVELS}, in that order
 * @param solver how the image's final-layer inversion went (its duality-gap certificate)
 */
public record Attribution(
    double score, double pValue, List<Decision> decisions, SolverStatistics solver) {

  /**
   * The decision at one false-rejection level q.
   *
   * @param fnr q, the fraction of target images the threshold may reject, e.g. 0.005
   * @param threshold τ_q, the (1 − q) quantile of the validation target scores
   * @param fromTarget s ≤ τ_q: the image is attributed to the target generator
   */
  public record Decision(double fnr, double threshold, boolean fromTarget) {}

  /** Copies the list. */
  public Attribution {
    decisions = List.copyOf(decisions);
  }

  /**
   * The decision at level {@code fnr}.
   *
   * @throws IllegalArgumentException when the detector was not calibrated at that level
   */
  public Decision decisionAt(double fnr) {
    for (Decision decision : decisions) {
      if (decision.fnr() == fnr) {
        return decision;
      }
    }
    throw new IllegalArgumentException(
        "No decision at FNR "
            + fnr
            + "; the detector reports "
            + decisions.stream().map(Decision::fnr).toList()
            + ". Pick one of those levels or compare the p-value with your own level.");
  }
}
