package org.flipad.core.eval;

import java.util.Objects;
import org.flipad.core.metric.BinaryMetrics;

/**
 * One balanced test of a detector: the scores of target samples against those of samples from one
 * other source, with the threshold chosen on the target's validation scores.
 *
 * <p>Scores follow {@link BinaryMetrics}' convention (lower = more target-like, s &gt; τ ⇒ other).
 * The arrays are copied on construction and on access; {@code equals} compares them by reference,
 * as records do.
 *
 * @param target the target generator, e.g. "dcgan-seed0"
 * @param method the detection method, e.g. "flipad" or "rawpad"
 * @param perturbation the perturbation applied to training, validation and test data, or {@value
 *     #NO_PERTURBATION}
 * @param source the other source, e.g. "real" or "wgan-gp-seed1"
 * @param group what kind of source {@code source} is
 * @param sibling whether the source's generator has the target's network (e.g. EBGAN and other
 *     DCGAN runs for a DCGAN target): the hardest sources for a final-layer method
 * @param repetition the repetition index, ≥ 0
 * @param targetScores [n_t] scores of the target test samples, finite, n_t ≥ 1
 * @param otherScores [n_o] scores of the other source's test samples, finite, n_o ≥ 1
 * @param threshold τ at FNR 0.5 %, the 0.995 quantile of the target's validation scores
 * @param thresholdFivePercent τ at FNR 5 %, the 0.95 quantile of the target's validation scores
 * @param featureSecondsPerImage wall seconds per image to compute features, ≥ 0, or NaN if unknown
 * @param scoringSecondsPerImage wall seconds per image to score features, ≥ 0, or NaN if unknown
 */
public record Comparison(
    String target,
    String method,
    String perturbation,
    String source,
    SourceGroup group,
    boolean sibling,
    int repetition,
    double[] targetScores,
    double[] otherScores,
    double threshold,
    double thresholdFivePercent,
    double featureSecondsPerImage,
    double scoringSecondsPerImage) {

  /** The perturbation name of clean (unperturbed) data. */
  public static final String NO_PERTURBATION = "none";

  /** The FPR at which {@link #tprAt1PercentFpr()} is read. */
  public static final double ONE_PERCENT = 0.01;

  /** Validates every field and copies the score arrays. */
  public Comparison {
    requireName("target", target);
    requireName("method", method);
    requireName("perturbation", perturbation);
    requireName("source", source);
    Objects.requireNonNull(group, "Comparison.group is null; expected a SourceGroup.");
    if (repetition < 0) {
      throw new IllegalArgumentException(
          "Comparison.repetition is " + repetition + "; expected an index ≥ 0.");
    }
    BinaryMetrics.check(targetScores, otherScores);
    if (!Double.isFinite(threshold) || !Double.isFinite(thresholdFivePercent)) {
      throw new IllegalArgumentException(
          "Comparison.threshold is " + threshold + "; expected a finite τ from validation scores.");
    }
    requireSeconds("featureSecondsPerImage", featureSecondsPerImage);
    requireSeconds("scoringSecondsPerImage", scoringSecondsPerImage);
    targetScores = targetScores.clone();
    otherScores = otherScores.clone();
  }

  /** The target test scores, a copy. */
  @Override
  public double[] targetScores() {
    return targetScores.clone();
  }

  /** The other source's test scores, a copy. */
  @Override
  public double[] otherScores() {
    return otherScores.clone();
  }

  /** Accuracy at {@link #threshold()}, in [0, 1]; see {@link BinaryMetrics#accuracy}. */
  public double accuracy() {
    return BinaryMetrics.accuracy(targetScores, otherScores, threshold);
  }

  /** Accuracy at {@link #thresholdFivePercent()}, in [0, 1]. */
  public double accuracyFivePercent() {
    return BinaryMetrics.accuracy(targetScores, otherScores, thresholdFivePercent);
  }

  /** Share of the other source's samples refused (score above τ at FNR 0.5 %). */
  public double tnr() {
    return refused(otherScores, threshold);
  }

  /** Share of the other source's samples refused at FNR 5 %. */
  public double tnrFivePercent() {
    return refused(otherScores, thresholdFivePercent);
  }

  /** Share of the target's test samples attributed (score at or below τ at FNR 0.5 %). */
  public double tpr() {
    return 1 - refused(targetScores, threshold);
  }

  private static double refused(double[] scores, double tau) {
    int refused = 0;
    for (double s : scores) {
      if (s > tau) {
        refused++;
      }
    }
    return refused / (double) scores.length;
  }

  /** Area under the ROC curve, in [0, 1]; see {@link BinaryMetrics#auroc}. */
  public double auroc() {
    return BinaryMetrics.auroc(targetScores, otherScores);
  }

  /** Average precision for detecting the target; see {@link BinaryMetrics#averagePrecision}. */
  public double averagePrecision() {
    return BinaryMetrics.averagePrecision(targetScores, otherScores);
  }

  /** Fraction of target samples accepted at 1 % FPR; see {@link BinaryMetrics#tprAtFpr}. */
  public double tprAt1PercentFpr() {
    return BinaryMetrics.tprAtFpr(targetScores, otherScores, ONE_PERCENT);
  }

  private static void requireName(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "Comparison."
              + field
              + " is "
              + (value == null ? "null" : "blank")
              + "; expected a name.");
    }
  }

  private static void requireSeconds(String field, double seconds) {
    if (seconds < 0 || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException(
          "Comparison."
              + field
              + " is "
              + seconds
              + " s; expected a finite time ≥ 0, or NaN if it was not measured.");
    }
  }
}
