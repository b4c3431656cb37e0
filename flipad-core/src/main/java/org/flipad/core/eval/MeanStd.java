package org.flipad.core.eval;

import java.util.Locale;

/**
 * The mean and sample standard deviation of n values, as the paper reports results over repetitions
 * ("99.1 ± 0.3").
 *
 * @param mean the arithmetic mean
 * @param std the sample standard deviation √(Σ(xᵢ − mean)² / (n − 1)); NaN when n = 1
 * @param n the number of values, ≥ 1
 */
public record MeanStd(double mean, double std, int n) {

  /** Validates n ≥ 1 and std ≥ 0 (or NaN when n = 1). */
  public MeanStd {
    if (n < 1) {
      throw new IllegalArgumentException(
          "MeanStd needs n ≥ 1 values; got n = " + n + ". Skip empty cells instead.");
    }
    if (std < 0) {
      throw new IllegalArgumentException(
          "Standard deviation is " + std + "; expected a value ≥ 0 (or NaN when n = 1).");
    }
  }

  /**
   * The mean and sample standard deviation (n − 1 in the denominator) of {@code values}.
   *
   * @param values n ≥ 1 values
   */
  public static MeanStd of(double[] values) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException(
          "MeanStd.of needs at least one value; got none. Skip empty cells instead.");
    }
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    double mean = sum / values.length;
    if (values.length == 1) {
      return new MeanStd(mean, Double.NaN, 1);
    }
    double squares = 0;
    for (double value : values) {
      squares += (value - mean) * (value - mean);
    }
    return new MeanStd(mean, Math.sqrt(squares / (values.length - 1)), values.length);
  }

  /** The same statistics for the values multiplied by {@code factor}, e.g. 100 for percent. */
  public MeanStd scaled(double factor) {
    return new MeanStd(mean * factor, std * Math.abs(factor), n);
  }

  /**
   * "mean ± std" with {@code digits} decimals, e.g. "99.1 ± 0.3" for digits 1; only "mean" when n =
   * 1.
   *
   * @param digits decimals, ≥ 0
   */
  public String format(int digits) {
    if (digits < 0) {
      throw new IllegalArgumentException("Decimals are " + digits + "; expected ≥ 0.");
    }
    String pattern = "%." + digits + "f";
    String meanText = String.format(Locale.ROOT, pattern, mean);
    if (n == 1) {
      return meanText;
    }
    return meanText + " ± " + String.format(Locale.ROOT, pattern, std);
  }
}
