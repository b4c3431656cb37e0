package org.flipad.core.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuses several methods' scores of the same images into one: each method's score s becomes z = (s −
 * m)/(u − m), with m the median and u the 95th percentile of that method's validation target
 * scores, and the fused score is the largest z. An image is therefore refused when any method finds
 * it unusually far from the target, in units of that method's own spread on target images.
 *
 * <p>The thresholds of the fused score are then set on the fused validation scores, the same
 * held-out target images every method was calibrated on; the two statistics per method are the only
 * other thing fitted there.
 */
final class ScoreFusion {

  private ScoreFusion() {}

  /**
   * Fuses the scores of runs that scored the same images in the same order.
   *
   * @param parts at least one method's scores
   * @param fused the run the result is reported as
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

  /** m and u − m of validation target scores; a zero spread becomes 1 so that z stays finite. */
  static double[] scale(double[] validation) {
    double[] sorted = validation.clone();
    Arrays.sort(sorted);
    double median = quantile(sorted, 0.5);
    double spread = quantile(sorted, 0.95) - median;
    return new double[] {median, spread > 0 ? spread : 1};
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
    Arrays.fill(fused, Double.NEGATIVE_INFINITY);
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
        fused[i] = Math.max(fused[i], (scores[i] - scale[p][0]) / scale[p][1]);
      }
    }
    return fused;
  }
}
