package org.flipad.core.eval;

import java.util.LinkedHashMap;
import java.util.Map;

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

  MethodScores {
    sources = new LinkedHashMap<>(sources);
  }
}
