package org.flipad.core.inversion;

/** Why a lasso solve stopped. */
public enum StopReason {
  /** The relative duality gap reached the requested tolerance. */
  CERTIFIED,
  /** P(δ) reached the caller's objective target. */
  OBJECTIVE_REACHED,
  /** Reference schedule: the sample's mean |δ_k − δ_{k+1}| fell to its tolerance. */
  CHANGE_BELOW_TOLERANCE,
  /** The iteration cap was reached first. */
  ITERATION_CAP,
  /** A closed-form solve ({@link MinimumNormSolver}): exact up to rounding, no iterations. */
  EXACT
}
