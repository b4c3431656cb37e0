package org.flipad.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flipad.core.detector.Thresholds;

/**
 * The scores one trained method gave in one run: its validation target scores (which set its
 * thresholds), the target's test scores and each tested source's, plus the time per image.
 *
 * @param run what was trained and tested
 * @param validation [n_v] validation target scores
 * @param target [n_t] target test scores
 * @param sources test scores by source name, in report order
 * @param featureSecondsPerImage wall seconds per test image for features, or NaN
 * @param scoringSecondsPerImage wall seconds per test image for scoring, or NaN
 */
record MethodScores(
    MethodRun run,
    double[] validation,
    double[] target,
    Map<String, double[]> sources,
    double featureSecondsPerImage,
    double scoringSecondsPerImage) {

  private static final double HEADLINE_FNR = 0.005;
  private static final double FIVE_PERCENT = 0.05;

  MethodScores {
    sources = new LinkedHashMap<>(sources);
  }

  /** One comparison per tested source, at the thresholds of the validation scores. */
  List<Comparison> comparisons() {
    Thresholds thresholds = Thresholds.fromTargetScores(validation());
    double headline = thresholds.threshold(HEADLINE_FNR);
    double five = thresholds.threshold(FIVE_PERCENT);
    List<Comparison> comparisons = new ArrayList<>();
    for (Map.Entry<String, double[]> source : sources().entrySet()) {
      comparisons.add(
          new Comparison(
              run.context().target().name(),
              run.methodId(),
              run.perturbation(),
              source.getKey(),
              run.tests().get(source.getKey()),
              run.context().isSibling(source.getKey()),
              run.repetition(),
              target(),
              source.getValue(),
              headline,
              five,
              featureSecondsPerImage(),
              scoringSecondsPerImage()));
    }
    return comparisons;
  }
}
