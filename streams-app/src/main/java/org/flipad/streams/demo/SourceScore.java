package org.flipad.streams.demo;

import org.flipad.core.metric.BinomialInterval;
import org.flipad.schema.Decision;

/**
 * How the first uploads of one known source ended: of {@code n} uploads, {@code correct} got the
 * decision the source should get. An UNDECIDED verdict is wrong, and so is an upload that got no
 * verdict at all (dead-lettered or never ended): the service did not give the right answer.
 *
 * @param source what the row is about: the watched generator, another generator by name, real
 *     photos, or all of them
 * @param expected ATTRIBUTED for the watched generator's samples (the rate is a TPR),
 *     NOT_ATTRIBUTED for every other source (a TNR); null for the mix of all sources (an accuracy)
 * @param n uploads, ≥ 0
 * @param correct uploads with the expected decision
 * @param undecided UNDECIDED verdicts, counted wrong
 * @param missing uploads without a verdict, counted wrong
 */
public record SourceScore(
    String source, Decision expected, int n, int correct, int undecided, int missing) {

  /** Validates. */
  public SourceScore {
    if (correct < 0 || undecided < 0 || missing < 0 || correct + undecided + missing > n) {
      throw new IllegalArgumentException(
          "Counts of "
              + source
              + " must be ≥ 0 and correct + undecided + missing ≤ n; got "
              + correct
              + " + "
              + undecided
              + " + "
              + missing
              + " of "
              + n);
    }
  }

  /** Correct over all uploads of the source (UNDECIDED and missing in the denominator). */
  public double rate() {
    return n == 0 ? Double.NaN : (double) correct / n;
  }

  /** The 95 % Wilson score interval of {@link #rate}; requires n ≥ 1. */
  public BinomialInterval interval() {
    return BinomialInterval.wilson(correct, n, BinomialInterval.Z_95);
  }

  /** TPR, TNR or accuracy, by what {@link #expected} is. */
  public String rateName() {
    if (expected == null) {
      return "accuracy";
    }
    return expected == Decision.ATTRIBUTED ? "TPR" : "TNR";
  }

  /** Wrong decisions: the other definite decision, not counting UNDECIDED or missing. */
  public int wrong() {
    return n - correct - undecided - missing;
  }

  /**
   * Whether at least {@code required} of the uploads were correct, compared on counts (correct ≥
   * required·n) so that 97 of 100 meets 0.97 despite rounding.
   */
  public boolean meets(double required) {
    return n > 0 && correct >= required * n - 1e-9;
  }
}
