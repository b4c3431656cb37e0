package org.flipad.core.metric;

import java.util.Arrays;
import java.util.Collection;

/**
 * The nearest-rank percentile: the smallest value with at least a fraction {@code q} of the values
 * at or below it (rank ⌈q·n⌉). It is always one of the values, so a p99 reported from it is a
 * latency that was observed, never an interpolation.
 */
public final class NearestRank {

  private NearestRank() {}

  /**
   * The {@code q} percentile of {@code sorted} (ascending).
   *
   * @param q in [0, 1]; 0 gives the smallest value, 1 the largest
   * @throws IllegalArgumentException when there are no values or {@code q} is outside [0, 1]
   */
  public static long of(long[] sorted, double q) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("A percentile of no values is undefined.");
    }
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("The percentile fraction must be in [0, 1]; got " + q);
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  /**
   * The {@code q} percentile of {@code values}, in any order, or {@code empty} when there are none.
   */
  public static long of(Collection<Long> values, double q, long empty) {
    if (values.isEmpty()) {
      return empty;
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return of(sorted, q);
  }
}
