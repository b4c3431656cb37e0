package org.flipad.core.metric;

/**
 * A confidence interval for a binomial proportion p (e.g. a true-positive rate) estimated from k
 * successes in n trials.
 *
 * <p>{@link #wilson} is the Wilson score interval (Wilson 1927; method 3 of Newcombe 1998): with p̂
 * = k/n, the bounds are (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Unlike the normal
 * approximation p̂ ± z·√(p̂(1−p̂)/n) it stays inside [0, 1] and does not collapse to a point at k =
 * 0 or k = n.
 *
 * @param lower the lower bound, in [0, 1]
 * @param upper the upper bound, in [lower, 1]
 */
public record BinomialInterval(double lower, double upper) {

  /** z of a two-sided 95 % interval: the 0.975 quantile of the standard normal distribution. */
  public static final double Z_95 = 1.959963984540054;

  /** Validates. */
  public BinomialInterval {
    if (!(0 <= lower && lower <= upper && upper <= 1)) {
      throw new IllegalArgumentException(
          "A proportion's interval must satisfy 0 ≤ lower ≤ upper ≤ 1; got ["
              + lower
              + ", "
              + upper
              + "]");
    }
  }

  /**
   * The Wilson score interval of {@code successes} in {@code n} trials.
   *
   * @param successes k, 0 ≤ k ≤ n
   * @param n trials, ≥ 1
   * @param z the standard normal quantile of the level, &gt; 0 (e.g. {@link #Z_95})
   */
  public static BinomialInterval wilson(long successes, long n, double z) {
    if (n < 1 || successes < 0 || successes > n) {
      throw new IllegalArgumentException(
          "A binomial interval needs n ≥ 1 trials and 0 ≤ successes ≤ n; got "
              + successes
              + " of "
              + n
              + ". Leave out sources with no trials.");
    }
    if (!(z > 0) || Double.isInfinite(z)) {
      throw new IllegalArgumentException(
          "z must be a positive finite normal quantile (1.96 for 95 %), got " + z);
    }
    double p = (double) successes / n;
    double z2n = z * z / n;
    double denominator = 1 + z2n;
    double centre = (p + z2n / 2) / denominator;
    double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2n / (4.0 * n));
    // At k = 0 and k = n the bounds are exactly 0 and 1; rounding would leave −0.0 or 0.9999….
    double lower = successes == 0 ? 0 : Math.max(0, centre - half);
    double upper = successes == n ? 1 : Math.min(1, centre + half);
    return new BinomialInterval(lower, upper);
  }

  /** Whether {@code p} lies inside the interval, bounds included. */
  public boolean contains(double p) {
    return lower <= p && p <= upper;
  }
}
