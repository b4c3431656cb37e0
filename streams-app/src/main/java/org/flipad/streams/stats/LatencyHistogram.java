package org.flipad.streams.stats;

/**
 * Counts of latencies in logarithmic buckets, eight per doubling, so a percentile read from it is
 * the upper edge of its bucket: at most 9 % above the true value (and 1 ms at the low end).
 * Mergeable, so windows are sums of buckets.
 */
final class LatencyHistogram {

  /** Buckets per doubling of the latency. */
  static final int PER_DOUBLING = 8;

  /** Enough buckets for latencies up to 2^26 ms (about 18 hours); longer ones go in the last. */
  static final int BUCKETS = 26 * PER_DOUBLING;

  private final long[] counts = new long[BUCKETS];
  private long total;

  void add(long millis) {
    counts[index(Math.max(0, millis))]++;
    total++;
  }

  void addAll(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
  }

  long count() {
    return total;
  }

  /**
   * The latency at or below which a fraction {@code q} of the recorded ones lie, in whole ms (the
   * upper edge of the bucket that holds it); -1 when nothing was recorded.
   */
  long percentile(double q) {
    if (total == 0) {
      return -1;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return upperEdge(i);
      }
    }
    return upperEdge(BUCKETS - 1);
  }

  // Bucket i holds latencies m with 2^(i/8) <= m + 1 < 2^((i+1)/8).
  static int index(long millis) {
    double log2 = Math.log(millis + 1.0) / Math.log(2);
    return (int) Math.min(BUCKETS - 1, Math.floor(log2 * PER_DOUBLING));
  }

  static long upperEdge(int index) {
    return (long) Math.ceil(Math.pow(2, (index + 1) / (double) PER_DOUBLING) - 1);
  }
}
