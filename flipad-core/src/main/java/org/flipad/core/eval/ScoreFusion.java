package org.flipad.core.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuses several methods' DeepSAD scores of the same images into one. Each score s (a squared
 * distance, ≥ 0) becomes z = (ln s − m)/(u − m), with m the median and u the 95th percentile of ln
 * s over that method's validation target scores, and the fused score is the mean z.
 *
 * <p>Why logarithms and a mean: DeepSAD distances are skewed over several orders of magnitude, so
 * on the raw scale one method's long tail decides alone (the largest raw z was FLIPAD's nearly
 * always, and that fusion refused no more than FLIPAD did). On the log scale both methods' spreads
 * are comparable, and an image that both find somewhat unusual is refused although neither alone
 * would refuse it at the headline FNR. Measured on the paper-size DCGAN detectors
 * (docs/results.md): FLIPAD with RawPAD refused 89–100 % of every source at FNR 0.5 %, FLIPAD alone
 * 75–100 %.
 *
 * <p>The thresholds of the fused score are then set on the fused validation scores, the same
 * held-out target images every method was calibrated on; the two statistics per method are the only
 * other thing fitted there.
 */
final class ScoreFusion {

  /** Scores are floored here before the logarithm, so that a score of exactly 0 stays finite. */
  static final double FLOOR = 1e-12;

  private ScoreFusion() {}

  /**
   * Fuses the scores of runs that scored the same images in the same order.
   *
   * @param parts at least one method's scores
   * @param fused the run the result is reported as
   * @throws IllegalArgumentException when the parts scored different numbers of images, or a score
   *     is negative or not a number (not a DeepSAD distance)
   */
  static MethodScores fuse(List<MethodScores> parts, MethodRun fused) {
    double[][] scale = new double[parts.size()][];
    for (int i = 0; i < parts.size(); i++) {
      scale[i] = scale(parts.get(i).validation());
    }
    double[] validation = fuse(parts, scale, MethodScores::validation);
    double[] target = fuse(parts, scale, MethodScores::target);
    Map<String, double[]> sources = new LinkedHashMap<>();
    for (String source : parts.get(0).sources().keySet()) {
      sources.put(source, fuse(parts, scale, p -> p.sources().get(source)));
    }
    double features = parts.stream().mapToDouble(MethodScores::featureSecondsPerImage).sum();
    double scoring = parts.stream().mapToDouble(MethodScores::scoringSecondsPerImage).sum();
    return new MethodScores(fused, validation, target, sources, features, scoring);
  }

  /**
   * m and u − m of the logarithms of validation target scores; a zero spread becomes 1 so that z
   * stays finite.
   */
  static double[] scale(double[] validation) {
    double[] sorted = new double[validation.length];
    for (int i = 0; i < validation.length; i++) {
      sorted[i] = logScore(validation[i]);
    }
    Arrays.sort(sorted);
    double median = quantile(sorted, 0.5);
    double spread = quantile(sorted, 0.95) - median;
    return new double[] {median, spread > 0 ? spread : 1};
  }

  static double logScore(double score) {
    if (!(score >= 0)) {
      throw new IllegalArgumentException(
          "Cannot fuse the score "
              + score
              + ": fusion takes DeepSAD distances, which are never negative or NaN.");
    }
    return Math.log(Math.max(score, FLOOR));
  }

  private static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int low = (int) Math.floor(position);
    int high = Math.min(sorted.length - 1, low + 1);
    return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
  }

  private interface Pick {
    double[] of(MethodScores scores);
  }

  private static double[] fuse(List<MethodScores> parts, double[][] scale, Pick pick) {
    int n = pick.of(parts.get(0)).length;
    double[] fused = new double[n];
    for (int p = 0; p < parts.size(); p++) {
      double[] scores = pick.of(parts.get(p));
      if (scores.length != n) {
        throw new IllegalArgumentException(
            "Cannot fuse scores of different image sets: "
                + n
                + " and "
                + scores.length
                + " scores.");
      }
      for (int i = 0; i < n; i++) {
        fused[i] += (logScore(scores[i]) - scale[p][0]) / scale[p][1] / parts.size();
      }
    }
    return fused;
  }
}
