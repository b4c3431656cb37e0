package org.flipad.core.inversion;

import java.util.Arrays;

/**
 * A batch of lasso problems sharing W and λ.
 *
 * @param targets r, [N][m] double (r = σ⁻¹(x) − L(ā))
 * @param startsOrNull initial δ, [N][p]; null starts from 0
 * @param objectiveTargetsOrNull [N]; when given, a sample also stops as soon as P(δ) ≤ its target
 *     (used by the benchmark to time "reach the reference's objective"); null disables
 */
public record LassoBatch(
    double[][] targets, double[][] startsOrNull, double[] objectiveTargetsOrNull) {

  /** Validates sizes and finiteness. */
  public LassoBatch {
    if (targets == null || targets.length == 0) {
      throw new IllegalArgumentException("A lasso batch needs at least one target.");
    }
    for (int n = 0; n < targets.length; n++) {
      requireFinite("Target " + n, targets[n]);
    }
    if (startsOrNull != null && startsOrNull.length != targets.length) {
      throw new IllegalArgumentException(
          "Batch has " + targets.length + " targets but " + startsOrNull.length + " starts.");
    }
    if (objectiveTargetsOrNull != null && objectiveTargetsOrNull.length != targets.length) {
      throw new IllegalArgumentException(
          "Batch has "
              + targets.length
              + " targets but "
              + objectiveTargetsOrNull.length
              + " objective targets.");
    }
  }

  /** A batch that starts from 0 with no objective targets. */
  public static LassoBatch of(double[][] targets) {
    return new LassoBatch(targets, null, null);
  }

  /** This batch with every sample starting at {@code start} (the reference's δ₀ = ā quirk). */
  public LassoBatch withCommonStart(double[] start) {
    double[][] starts = new double[targets.length][];
    Arrays.fill(starts, start);
    return new LassoBatch(targets, starts, objectiveTargetsOrNull);
  }

  /** This batch with objective targets. */
  public LassoBatch withObjectiveTargets(double[] objectiveTargets) {
    return new LassoBatch(targets, startsOrNull, objectiveTargets);
  }

  /** Number of samples N. */
  public int size() {
    return targets.length;
  }

  /** Start of sample n, or null for 0. */
  public double[] start(int n) {
    return startsOrNull == null ? null : startsOrNull[n];
  }

  /** Objective target of sample n, or −∞ when none. */
  public double objectiveTarget(int n) {
    return objectiveTargetsOrNull == null ? Double.NEGATIVE_INFINITY : objectiveTargetsOrNull[n];
  }

  static void requireFinite(String what, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            what
                + " holds a non-finite value ("
                + values[i]
                + ") at index "
                + i
                + ". Inputs to the lasso must be finite; check the image and ā.");
      }
    }
  }
}
