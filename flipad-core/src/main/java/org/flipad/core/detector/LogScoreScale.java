package org.flipad.core.detector;

import java.util.Arrays;

/**
 * Puts one DeepSAD detector's scores on a common scale so that several detectors' scores of the
 * same image can be averaged: z = (ln s − m)/(u − m), with m the median and u the 95th percentile
 * of ln s over the detector's validation target scores.
 *
 * <p>Why logarithms: DeepSAD scores are squared distances skewed over several orders of magnitude,
 * so on the raw scale one detector's long tail would decide alone. On the log scale the spreads of
 * detectors on different features are comparable.
 *
 * @param median m
 * @param spread u − m, > 0 (a zero spread is stored as 1 so that z stays finite)
 */
public record LogScoreScale(double median, double spread) {

  /** Scores are floored here before the logarithm, so that a score of exactly 0 stays finite. */
  public static final double FLOOR = 1e-12;

  /** Validates the statistics. */
  public LogScoreScale {
    if (!Double.isFinite(median) || !(spread > 0) || !Double.isFinite(spread)) {
      throw new IllegalArgumentException(
          "A log-score scale needs a finite median and a finite positive spread; got "
              + median
              + " and "
              + spread
              + ".");
    }
  }

  /**
   * Fits m and u − m on validation target scores.
   *
   * @param validation ≥ 1 DeepSAD scores
   * @throws IllegalArgumentException when there are none, or one is negative or NaN
   */
  public static LogScoreScale fit(double[] validation) {
    if (validation.length == 0) {
      throw new IllegalArgumentException(
          "A log-score scale needs at least one validation target score; got none.");
    }
    double[] sorted = new double[validation.length];
    for (int i = 0; i < validation.length; i++) {
      sorted[i] = logScore(validation[i]);
    }
    Arrays.sort(sorted);
    double median = Thresholds.quantile(sorted, 0.5);
    double spread = Thresholds.quantile(sorted, 0.95) - median;
    return new LogScoreScale(median, spread > 0 ? spread : 1);
  }

  /** z of one score. */
  public double z(double score) {
    return (logScore(score) - median) / spread;
  }

  /**
   * The mean z of several detectors' scores of the same images.
   *
   * @param scales one per detector
   * @param scores per detector, its scores of the images, all of the same length
   * @throws IllegalArgumentException when the detectors scored different numbers of images
   */
  public static double[] meanZ(LogScoreScale[] scales, double[][] scores) {
    if (scales.length == 0 || scales.length != scores.length) {
      throw new IllegalArgumentException(
          "Fusing needs one scale per detector's scores; got "
              + scales.length
              + " scales and "
              + scores.length
              + " score sets.");
    }
    int n = scores[0].length;
    double[] mean = new double[n];
    for (int d = 0; d < scales.length; d++) {
      if (scores[d].length != n) {
        throw new IllegalArgumentException(
            "Cannot fuse scores of different image sets: "
                + n
                + " and "
                + scores[d].length
                + " scores.");
      }
      for (int i = 0; i < n; i++) {
        mean[i] += scales[d].z(scores[d][i]) / scales.length;
      }
    }
    return mean;
  }

  private static double logScore(double score) {
    if (!(score >= 0)) {
      throw new IllegalArgumentException(
          "Cannot fuse the score "
              + score
              + ": fusion takes DeepSAD distances, which are never negative or NaN.");
    }
    return Math.log(Math.max(score, FLOOR));
  }
}
