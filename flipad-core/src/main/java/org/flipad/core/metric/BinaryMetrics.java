package org.flipad.core.metric;

import java.util.Arrays;

/**
 * Binary metrics of a one-class detector tested on target samples against samples of one other
 * source.
 *
 * <p>Convention, as in {@code org.flipad.core.detector.Thresholds}: the <b>target</b> is the
 * positive class and a <b>lower</b> score (a DeepSAD distance) is more target-like; a sample is
 * accepted as target when s ≤ τ and judged "other" when s &gt; τ. In scikit-learn terms, {@code
 * y_true = 1} for target samples and the decision value is −s.
 *
 * <p>AUROC and average precision walk the distinct score values in ascending order (the thresholds
 * of a ROC or precision–recall curve); with n_t target and n_o other scores that costs O((n_t +
 * n_o) log(n_t + n_o)) for the sort. Every method needs at least one finite score in each array.
 *
 * <p>Stateless and thread-safe.
 */
public final class BinaryMetrics {

  /** Absorbs rounding in fpr·n_o, e.g. 0.29 · 100 = 28.999999999999996. */
  private static final double COUNT_TOLERANCE = 1e-9;

  private BinaryMetrics() {}

  /**
   * The area under the ROC curve: P(s_other &gt; s_target) + ½ P(s_other = s_target) for a random
   * target and a random other sample (the Mann–Whitney U statistic divided by n_t·n_o, ties counted
   * ½, as average tie ranks do). 1 means perfect separation, ½ chance, 0 perfectly reversed.
   *
   * @param targetScores n_t ≥ 1 finite scores of target samples
   * @param otherScores n_o ≥ 1 finite scores of samples from another source
   */
  public static double auroc(double[] targetScores, double[] otherScores) {
    Counts counts = Counts.of(targetScores, otherScores);
    double pairs = 0;
    for (int k = 0; k < counts.size(); k++) {
      long targetsHere = counts.targetsAt(k);
      long othersAbove = counts.otherTotal() - counts.othersUpTo(k);
      pairs += targetsHere * (othersAbove + 0.5 * counts.othersAt(k));
    }
    return pairs / ((double) counts.targetTotal() * counts.otherTotal());
  }

  /**
   * Average precision for detecting the target, as scikit-learn's {@code average_precision_score(
   * y_true, -s)} with the target as positive class: with one threshold at every distinct score v_k
   * (ascending), P_k = #{target ≤ v_k} / #{all ≤ v_k} and R_k = #{target ≤ v_k} / n_t, AP = Σ_k
   * (R_k − R_{k−1}) P_k with R_0 = 0. Tied target and other scores enter at the same threshold.
   *
   * @param targetScores n_t ≥ 1 finite scores of target samples
   * @param otherScores n_o ≥ 1 finite scores of samples from another source
   */
  public static double averagePrecision(double[] targetScores, double[] otherScores) {
    Counts counts = Counts.of(targetScores, otherScores);
    double sum = 0;
    for (int k = 0; k < counts.size(); k++) {
      long truePositives = counts.targetsUpTo(k);
      double precision = truePositives / (double) (truePositives + counts.othersUpTo(k));
      sum += counts.targetsAt(k) * precision;
    }
    return sum / counts.targetTotal();
  }

  /**
   * The fraction of target samples accepted when at most a fraction {@code fpr} of the other
   * samples may be accepted.
   *
   * <p>Exact rule: τ is the largest threshold with #{other ≤ τ} / n_o ≤ fpr. With the other scores
   * sorted o₍₀₎ ≤ … ≤ o₍ₙ₋₁₎ and k = ⌊fpr·n_o⌋ (computed with a 1e-9 tolerance against rounding),
   * that threshold lies just below o₍ₖ₎, so TPR = #{target : s &lt; o₍ₖ₎} / n_t; when k = n_o every
   * threshold qualifies and TPR = 1. A target score tied with o₍ₖ₎ is therefore rejected.
   *
   * @param targetScores n_t ≥ 1 finite scores of target samples
   * @param otherScores n_o ≥ 1 finite scores of samples from another source
   * @param fpr the accepted false-positive rate in [0, 1], e.g. 0.01 for 1 %
   */
  public static double tprAtFpr(double[] targetScores, double[] otherScores, double fpr) {
    check(targetScores, otherScores);
    if (!(fpr >= 0 && fpr <= 1)) {
      throw new IllegalArgumentException(
          "False-positive rate is " + fpr + "; expected a rate in [0, 1], e.g. 0.01 for 1 %.");
    }
    int allowed = (int) Math.floor(fpr * otherScores.length + COUNT_TOLERANCE);
    if (allowed >= otherScores.length) {
      return 1.0;
    }
    double[] sortedOther = otherScores.clone();
    Arrays.sort(sortedOther);
    double bound = sortedOther[allowed];
    long accepted = Arrays.stream(targetScores).filter(s -> s < bound).count();
    return accepted / (double) targetScores.length;
  }

  /**
   * The accuracy of the decision s &gt; τ ⇒ other: (#{target : s ≤ τ} + #{other : s &gt; τ}) / (n_t
   * + n_o).
   *
   * @param targetScores n_t ≥ 1 finite scores of target samples
   * @param otherScores n_o ≥ 1 finite scores of samples from another source
   * @param threshold τ, e.g. {@code Thresholds.threshold(0.005)}
   */
  public static double accuracy(double[] targetScores, double[] otherScores, double threshold) {
    check(targetScores, otherScores);
    long acceptedTargets = Arrays.stream(targetScores).filter(s -> s <= threshold).count();
    long rejectedOthers = Arrays.stream(otherScores).filter(s -> s > threshold).count();
    return (acceptedTargets + rejectedOthers) / (double) (targetScores.length + otherScores.length);
  }

  /**
   * The ROC curve with the target as positive class: the point (0, 0), then for every distinct
   * score v in ascending order the point (#{other ≤ v} / n_o, #{target ≤ v} / n_t), ending at (1,
   * 1).
   *
   * @param targetScores n_t ≥ 1 finite scores of target samples
   * @param otherScores n_o ≥ 1 finite scores of samples from another source
   */
  public static RocCurve rocCurve(double[] targetScores, double[] otherScores) {
    Counts counts = Counts.of(targetScores, otherScores);
    double[] fpr = new double[counts.size() + 1];
    double[] tpr = new double[counts.size() + 1];
    for (int k = 0; k < counts.size(); k++) {
      fpr[k + 1] = counts.othersUpTo(k) / (double) counts.otherTotal();
      tpr[k + 1] = counts.targetsUpTo(k) / (double) counts.targetTotal();
    }
    return new RocCurve(fpr, tpr);
  }

  /**
   * Refuses empty or non-finite score arrays with a message naming the array and index.
   *
   * @throws IllegalArgumentException on an empty array or a non-finite score
   */
  public static void check(double[] targetScores, double[] otherScores) {
    checkScores("target", targetScores);
    checkScores("other", otherScores);
  }

  private static void checkScores(String role, double[] scores) {
    if (scores == null || scores.length == 0) {
      throw new IllegalArgumentException(
          "No " + role + " scores; a binary metric needs at least one score of each class.");
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException(
            "The "
                + role
                + " score at index "
                + i
                + " is "
                + scores[i]
                + "; expected a finite score. Check the detector's output.");
      }
    }
  }

  /**
   * Cumulative counts of target and other scores at or below each distinct score, ascending.
   *
   * @param targetsUpTo {@code targetsUpTo[k]} = #{target ≤ v_k}
   * @param othersUpTo {@code othersUpTo[k]} = #{other ≤ v_k}
   */
  private record Counts(long[] targetsUpTo, long[] othersUpTo) {

    static Counts of(double[] targetScores, double[] otherScores) {
      check(targetScores, otherScores);
      double[] targets = targetScores.clone();
      double[] others = otherScores.clone();
      Arrays.sort(targets);
      Arrays.sort(others);
      long[] targetsUpTo = new long[targets.length + others.length];
      long[] othersUpTo = new long[targetsUpTo.length];
      int t = 0;
      int o = 0;
      int k = 0;
      while (t < targets.length || o < others.length) {
        double value =
            Math.min(
                t < targets.length ? targets[t] : Double.POSITIVE_INFINITY,
                o < others.length ? others[o] : Double.POSITIVE_INFINITY);
        while (t < targets.length && targets[t] == value) {
          t++;
        }
        while (o < others.length && others[o] == value) {
          o++;
        }
        targetsUpTo[k] = t;
        othersUpTo[k] = o;
        k++;
      }
      return new Counts(Arrays.copyOf(targetsUpTo, k), Arrays.copyOf(othersUpTo, k));
    }

    int size() {
      return targetsUpTo.length;
    }

    long targetTotal() {
      return targetsUpTo[targetsUpTo.length - 1];
    }

    long otherTotal() {
      return othersUpTo[othersUpTo.length - 1];
    }

    long targetsUpTo(int k) {
      return targetsUpTo[k];
    }

    long othersUpTo(int k) {
      return othersUpTo[k];
    }

    long targetsAt(int k) {
      return targetsUpTo[k] - (k == 0 ? 0 : targetsUpTo[k - 1]);
    }

    long othersAt(int k) {
      return othersUpTo[k] - (k == 0 ? 0 : othersUpTo[k - 1]);
    }
  }
}
