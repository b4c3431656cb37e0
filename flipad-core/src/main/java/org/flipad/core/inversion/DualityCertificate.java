package org.flipad.core.inversion;

/**
 * A certificate of lasso optimality: primal value P(δ), a dual value D(θ) ≤ P* and their gap.
 *
 * <p>For P(δ) = ½‖W·δ − r‖² + λ‖δ‖₁ every feasible θ (‖Wᵀθ‖∞ ≤ λ) gives D(θ) = ½‖r‖² − ½‖r − θ‖² ≤
 * P*, so P(δ) − P* ≤ gap: the gap bounds how far δ is from optimal.
 */
public record DualityCertificate(double primal, double dual, double gap) {

  /** gap / P(δ), or 0 when P(δ) = 0. */
  public double relativeGap() {
    return primal == 0 ? 0 : gap / primal;
  }

  /** True when gap ≤ tolerance·P(δ): the solution counts as solved at that tolerance. */
  public boolean certifies(double tolerance) {
    return gap <= tolerance * primal;
  }
}
