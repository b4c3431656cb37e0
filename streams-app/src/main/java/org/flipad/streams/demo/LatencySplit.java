package org.flipad.streams.demo;

import java.util.Collection;

/**
 * Where an upload's time went, in ms, from its verdict's timings: waiting in the workers' queue,
 * decoding, inverting, DeepSAD scoring, and the rest of the end-to-end time (Kafka hops, Streams
 * processing and commits, the join), so a benchmark can name the next bottleneck.
 *
 * @param queueMs request written to request read by a worker
 * @param decodeMs the worker's decoding
 * @param inversionMs the worker's inversion
 * @param scoringMs the worker's DeepSAD scoring
 * @param endToEndMs upload's {@code uploadedAt} to verdict
 */
public record LatencySplit(
    double queueMs, double decodeMs, double inversionMs, double scoringMs, double endToEndMs) {

  /** What is left of the end-to-end time: broker round trips, Streams work and commit waits. */
  public double restMs() {
    return endToEndMs - queueMs - decodeMs - inversionMs - scoringMs;
  }

  /** The mean of each part over {@code splits}, or null when there are none. */
  public static LatencySplit mean(Collection<LatencySplit> splits) {
    if (splits.isEmpty()) {
      return null;
    }
    double queue = 0;
    double decode = 0;
    double inversion = 0;
    double scoring = 0;
    double endToEnd = 0;
    for (LatencySplit s : splits) {
      queue += s.queueMs;
      decode += s.decodeMs;
      inversion += s.inversionMs;
      scoring += s.scoringMs;
      endToEnd += s.endToEndMs;
    }
    int n = splits.size();
    return new LatencySplit(queue / n, decode / n, inversion / n, scoring / n, endToEnd / n);
  }
}
