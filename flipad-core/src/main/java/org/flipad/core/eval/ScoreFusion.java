package org.flipad.core.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.flipad.core.detector.LogScoreScale;

/**
 * Fuses several methods' DeepSAD scores of the same images into one, as a served detector with a
 * pixel companion does: each score's logarithm is standardised on that method's validation target
 * scores ({@link LogScoreScale}), and the fused score is the mean.
 *
 * <p>An image that both methods find somewhat unusual is refused although neither alone would
 * refuse it at the headline FNR. The largest raw standardised score, tried before, was FLIPAD's
 * nearly always and refused no more than FLIPAD did. Measured on the paper-size DCGAN detectors
 * (docs/results.md): FLIPAD with RawPAD refused 89–100 % of every source at FNR 0.5 %, FLIPAD alone
 * 75–100 %.
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
   * @throws IllegalArgumentException when the parts scored different numbers of images, or a score
   *     is negative or not a number (not a DeepSAD distance)
   */
  static MethodScores fuse(List<MethodScores> parts, MethodRun fused) {
    LogScoreScale[] scales =
        parts.stream().map(p -> LogScoreScale.fit(p.validation())).toArray(LogScoreScale[]::new);
    Function<Function<MethodScores, double[]>, double[]> fuse =
        pick -> LogScoreScale.meanZ(scales, parts.stream().map(pick).toArray(double[][]::new));
    Map<String, double[]> sources = new LinkedHashMap<>();
    for (String source : parts.get(0).sources().keySet()) {
      sources.put(source, fuse.apply(p -> p.sources().get(source)));
    }
    double features = parts.stream().mapToDouble(MethodScores::featureSecondsPerImage).sum();
    double scoring = parts.stream().mapToDouble(MethodScores::scoringSecondsPerImage).sum();
    return new MethodScores(
        fused,
        fuse.apply(MethodScores::validation),
        fuse.apply(MethodScores::target),
        sources,
        features,
        scoring);
  }
}
