package org.flipad.core.eval;

/**
 * A comparison with its metrics computed once, so that tables and files agree and each metric is
 * computed a single time.
 */
record ResultRow(
    Comparison comparison,
    double accuracy,
    double auroc,
    double averagePrecision,
    double tprAt1PercentFpr,
    double accuracyFivePercent,
    double tnr,
    double tnrFivePercent,
    double tpr) {

  static ResultRow of(Comparison comparison) {
    return new ResultRow(
        comparison,
        comparison.accuracy(),
        comparison.auroc(),
        comparison.averagePrecision(),
        comparison.tprAt1PercentFpr(),
        comparison.accuracyFivePercent(),
        comparison.tnr(),
        comparison.tnrFivePercent(),
        comparison.tpr());
  }
}
