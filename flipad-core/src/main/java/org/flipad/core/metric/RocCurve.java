package org.flipad.core.metric;

/**
 * A ROC curve with the target as positive class, as {@link BinaryMetrics#rocCurve} computes it:
 * points (fpr[i], tpr[i]) ordered by ascending threshold, from (0, 0) to (1, 1).
 *
 * @param fpr false-positive rates (fraction of other samples accepted), [m] non-decreasing
 * @param tpr true-positive rates (fraction of target samples accepted), [m] non-decreasing
 */
public record RocCurve(double[] fpr, double[] tpr) {

  /** Validates that both arrays are non-empty and of equal length, and copies them. */
  public RocCurve {
    if (fpr == null || tpr == null || fpr.length == 0 || fpr.length != tpr.length) {
      throw new IllegalArgumentException(
          "A ROC curve needs as many FPR as TPR values, at least one; got "
              + (fpr == null ? "null" : fpr.length)
              + " and "
              + (tpr == null ? "null" : tpr.length)
              + ".");
    }
    fpr = fpr.clone();
    tpr = tpr.clone();
  }

  /** The false-positive rates, a copy. */
  @Override
  public double[] fpr() {
    return fpr.clone();
  }

  /** The true-positive rates, a copy. */
  @Override
  public double[] tpr() {
    return tpr.clone();
  }

  /** The number m of points. */
  public int size() {
    return fpr.length;
  }
}
