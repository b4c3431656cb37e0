package org.flipad.core.eval;

/**
 * A comparison with its four metrics computed once, so that tables and files agree and each metric
 * is computed a single time.
 */
record ResultRow(
    Comparison comparison,
    double accuracy,
    double auroc,
    double averagePrecision,
    double tprAt1PercentFpr) {

  static ResultRow of(Comparison comparison) {
    return new ResultRow(
        comparison,
        comparison.accuracy(),
        comparison.auroc(),
        comparison.averagePrecision(),
        comparison.tprAt1PercentFpr());
  }
}
