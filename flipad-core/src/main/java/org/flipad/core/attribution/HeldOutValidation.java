package org.flipad.core.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flipad.core.data.Image8;
import org.flipad.core.detector.Thresholds;
import org.flipad.core.metric.BinaryMetrics;
import org.flipad.core.progress.ProgressListener;

/**
 * Validates a freshly built detector on images training never saw: held-out target images against
 * held-out images of every negative source, scored as the detector will serve them (FLIPAD alone,
 * or fused with its pixel companion).
 */
final class HeldOutValidation {

  /**
   * One held-out set: its images and their FLIPAD features, in the same order.
   *
   * @param flipadRows FLIPAD's features of {@code images}
   * @param images the images, for the pixel companion
   */
  record HeldOut(float[][] flipadRows, List<Image8> images) {}

  private final DeepSadDetector flipad;
  private final PixelCompanion companion;
  private final Thresholds thresholds;

  /**
   * @param flipad the FLIPAD detector
   * @param companionOrNull its pixel companion, or null
   * @param thresholds the thresholds of the served score
   */
  HeldOutValidation(DeepSadDetector flipad, PixelCompanion companionOrNull, Thresholds thresholds) {
    this.flipad = flipad;
    this.companion = companionOrNull;
    this.thresholds = thresholds;
  }

  /** The served scores of a held-out set. */
  double[] score(HeldOut set) {
    return ServedScores.of(flipad, companion, set.flipadRows(), set.images());
  }

  /**
   * Scores every held-out set and summarises: the AUROC and the accuracy at FNR 0.5 % on the target
   * against all negatives, and per source the AUROC and the share refused at FNR 0.5 % and 5 %.
   *
   * @param counts target training, negative training and validation images, in that order
   * @param target the held-out target images
   * @param negatives per negative source's name, its held-out images (none: metrics are NaN)
   * @param gaps every inverted image's relative gap
   */
  ValidationSummary summarise(
      int[] counts,
      HeldOut target,
      Map<String, HeldOut> negatives,
      double[] gaps,
      ProgressListener progress) {
    progress.start("validate", 1);
    double auroc = Double.NaN;
    double accuracy = Double.NaN;
    List<SourceValidation> sources = new ArrayList<>();
    int heldOutNegativeCount = 0;
    if (!negatives.isEmpty()) {
      double[] targetScores = score(target);
      double headline = thresholds.threshold(Detector.HEADLINE_FNR);
      double five = thresholds.threshold(0.05);
      List<double[]> all = new ArrayList<>();
      for (Map.Entry<String, HeldOut> e : negatives.entrySet()) {
        double[] scores = score(e.getValue());
        all.add(scores);
        heldOutNegativeCount += scores.length;
        sources.add(
            new SourceValidation(
                e.getKey(),
                scores.length,
                BinaryMetrics.auroc(targetScores, scores),
                refused(scores, headline),
                refused(scores, five)));
      }
      double[] negativeScores = all.stream().flatMapToDouble(Arrays::stream).toArray();
      auroc = BinaryMetrics.auroc(targetScores, negativeScores);
      accuracy = BinaryMetrics.accuracy(targetScores, negativeScores, headline);
    }
    progress.finish(String.format(Locale.ROOT, "AUROC %.4f", auroc));
    return new ValidationSummary(
        counts[0],
        counts[1],
        counts[2],
        target.images().size(),
        heldOutNegativeCount,
        auroc,
        accuracy,
        Arrays.stream(gaps).average().orElse(Double.NaN),
        Arrays.stream(gaps).max().orElse(Double.NaN),
        sources);
  }

  /** The share of scores above the threshold: images judged "not from the target". */
  private static double refused(double[] scores, double threshold) {
    long refused = Arrays.stream(scores).filter(s -> Thresholds.isOther(s, threshold)).count();
    return scores.length == 0 ? Double.NaN : refused / (double) scores.length;
  }
}
