package org.flipad.core.detector;

import java.util.Arrays;
import java.util.List;

/**
 * Decision thresholds from the DeepSAD scores of held-out target samples (FLIPAD.md section 5).
 *
 * <ul>
 *   <li>τ_q = the (1 − q) quantile of the n validation scores with linear interpolation (NumPy's
 *       default {@code method="linear"}): with the scores sorted s₍₀₎ ≤ … ≤ s₍ₙ₋₁₎, h = (n − 1)(1 −
 *       q), τ_q = s₍⌊h⌋₎ + (h − ⌊h⌋)(s₍⌊h⌋+1₎ − s₍⌊h⌋₎). q = 0 gives the largest validation score.
 *   <li>Decision: s &gt; τ ⇒ not from the target; so at most about a fraction q of target samples
 *       are rejected.
 *   <li>Empirical p-value of a score s: p(s) = (1 + #{i : sᵢ ≥ s}) / (n + 1), in (0, 1]; a small p
 *       means few target samples score as high.
 * </ul>
 *
 * <p>Immutable; holds a sorted copy of the validation scores.
 */
public final class Thresholds {

  /** The false-rejection levels q FLIPAD reports (0.5 % is the headline). */
  public static final List<Double> LEVELS = List.of(0.0, 0.001, 0.005, 0.01, 0.05);

  private final double[] sorted;

  private Thresholds(double[] sorted) {
    this.sorted = sorted;
  }

  /**
   * Thresholds from the scores of held-out target samples.
   *
   * @param targetScores n ≥ 1 finite scores
   */
  public static Thresholds fromTargetScores(double[] targetScores) {
    if (targetScores.length == 0) {
      throw new IllegalArgumentException(
          "Thresholds need at least one held-out target score; got none. Score the validation"
              + " target samples first.");
    }
    double[] sorted = targetScores.clone();
    for (int i = 0; i < sorted.length; i++) {
      if (!Double.isFinite(sorted[i])) {
        throw new IllegalArgumentException(
            "Validation score " + i + " is " + sorted[i] + "; expected a finite score.");
      }
    }
    Arrays.sort(sorted);
    return new Thresholds(sorted);
  }

  /**
   * τ_q, the (1 − q) quantile of the validation scores (linear interpolation).
   *
   * @param q the accepted false-rejection rate in [0, 1]
   */
  public double threshold(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException(
          "Threshold level q is " + q + "; expected a rate in [0, 1], e.g. 0.005 for 0.5 %.");
    }
    return quantile(sorted, 1 - q);
  }

  /** p(s) = (1 + #{validation scores ≥ s}) / (n + 1). */
  public double pValue(double score) {
    int firstAtLeast = 0;
    int high = sorted.length;
    while (firstAtLeast < high) {
      int middle = (firstAtLeast + high) >>> 1;
      if (sorted[middle] < score) {
        firstAtLeast = middle + 1;
      } else {
        high = middle;
      }
    }
    return (1.0 + sorted.length - firstAtLeast) / (sorted.length + 1.0);
  }

  /** True when {@code score} &gt; {@code threshold}: the sample is judged not from the target. */
  public static boolean isOther(double score, double threshold) {
    return score > threshold;
  }

  /** The validation scores, ascending, a copy (stored in detector bundles for p-values). */
  public double[] sortedScores() {
    return sorted.clone();
  }

  /** The number n of validation scores. */
  public int size() {
    return sorted.length;
  }

  /** The p quantile of ascending {@code sorted} values, NumPy's linear interpolation. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int low = (int) Math.floor(h);
    if (low >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]);
  }
}
