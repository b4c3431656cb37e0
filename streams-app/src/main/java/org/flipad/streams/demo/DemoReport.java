package org.flipad.streams.demo;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.flipad.core.metric.NearestRank;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.Decision;

/**
 * The demo's outcome: how every upload ended, compared with where it really came from, with the
 * offline detector and with the dead-letter reason each bad input deserved.
 *
 * @param watched the watched model's label, e.g. "dcgan-seed1@1"
 * @param sent records sent
 * @param terminals how each upload ended
 * @param duplicates terminal records beyond the first for an upload (must be 0)
 * @param audits audit records (must equal the terminal records)
 * @param workerDeadLetters requests the workers gave up on
 * @param uploads what was sent
 * @param offlineAgreement verdicts whose model decision equals the offline detector's
 * @param offlineCompared verdicts compared with the offline detector
 * @param sendSeconds time from the first to the last upload sent
 * @param drainSeconds time from the first upload sent to the last terminal record
 */
public record DemoReport(
    String watched,
    int sent,
    Map<String, Terminal> terminals,
    int duplicates,
    int audits,
    int workerDeadLetters,
    List<DemoUpload> uploads,
    int offlineAgreement,
    int offlineCompared,
    double sendSeconds,
    double drainSeconds) {

  /** Uploads that ended, of those sent. */
  public int ended() {
    return (int) uploads.stream().filter(u -> terminals.containsKey(u.uploadId())).count();
  }

  /** Verdicts counted by decision, split into fresh and cached. */
  public Map<String, Integer> decisions() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Terminal t : terminals.values()) {
      if (t.decision() != null) {
        String key =
            t.decision()
                + (t.detail() == null ? "" : " (" + t.detail() + ")")
                + (t.cached() ? ", cached" : "");
        counts.merge(key, 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Dead letters by reason. */
  public Map<DeadLetterReason, Integer> deadLetters() {
    Map<DeadLetterReason, Integer> counts = new EnumMap<>(DeadLetterReason.class);
    terminals.values().stream()
        .filter(t -> t.deadLetter() != null)
        .forEach(t -> counts.merge(t.deadLetter(), 1, Integer::sum));
    return counts;
  }

  /** Malformed uploads that got exactly the dead-letter reason they deserved. */
  public int deadLettersAsExpected() {
    return (int)
        uploads.stream()
            .filter(u -> u.expectedDeadLetter() != null)
            .filter(
                u -> {
                  Terminal t = terminals.get(u.uploadId());
                  return t != null && t.deadLetter() == u.expectedDeadLetter();
                })
            .count();
  }

  /** The decisions scored against the known sources, re-uploads apart. */
  public DemoAccuracy accuracy() {
    return DemoAccuracy.of(watched, uploads, terminals);
  }

  /** Verdicts UNDECIDED because the deadline passed (they depend on the machine's load). */
  public int timeouts() {
    return (int)
        terminals.values().stream()
            .filter(t -> t.decision() == Decision.UNDECIDED && "TIMEOUT".equals(t.detail()))
            .count();
  }

  /** The {@code q}-quantile of end-to-end latency over fresh (not cached) verdicts, in ms. */
  public long latencyPercentile(double q) {
    return percentile(
        terminals.values().stream()
            .filter(t -> t.decision() != null && !t.cached())
            .map(Terminal::endToEndMillis)
            .toList(),
        q);
  }

  /** The nearest-rank {@code q} percentile of {@code values}, or -1 when there are none. */
  static long percentile(Collection<Long> values, double q) {
    return NearestRank.of(values, q, -1);
  }

  /**
   * Prints the summary.
   *
   * @param fnr the false-negative level decisions were made at
   * @param requiredRate the share of correct decisions every source should reach
   */
  public void print(PrintWriter out, double fnr, double requiredRate) {
    out.printf(
        Locale.ROOT, "%nFLIPAD Streams demo: %s watched at FNR %.1f %%%n", watched, 100 * fnr);
    out.printf(
        Locale.ROOT,
        "Uploads sent %d, ended %d (terminal records beyond the first: %d), audit records %d.%n",
        sent,
        ended(),
        duplicates,
        audits);
    out.println("Verdicts:");
    decisions().forEach((k, v) -> out.printf(Locale.ROOT, "  %-40s %5d%n", k, v));
    out.printf(
        Locale.ROOT,
        "Dead letters (%d of %d bad inputs got the expected reason):%n",
        deadLettersAsExpected(),
        uploads.stream().filter(u -> u.expectedDeadLetter() != null).count());
    deadLetters().forEach((k, v) -> out.printf(Locale.ROOT, "  %-40s %5d%n", k, v));
    if (workerDeadLetters > 0) {
      out.printf(
          Locale.ROOT, "  requests the workers gave up on (WORKER_ERROR) %d%n", workerDeadLetters);
    }
    accuracy().print(out, requiredRate);
    if (timeouts() > 0) {
      out.printf(
          Locale.ROOT,
          "%d upload(s) timed out: how many do depends on the machine's load, so these figures may"
              + " differ between runs. Raise --deadline or lower --rate.%n",
          timeouts());
    }
    out.printf(
        Locale.ROOT,
        "Agreement with the offline detector on the same images: %d / %d%n",
        offlineAgreement,
        offlineCompared);
    out.printf(
        Locale.ROOT,
        "End-to-end latency (fresh verdicts): p50 %d ms, p99 %d ms; %d uploads in %.1f s sent,"
            + " all ended after %.1f s (%.1f uploads/s).%n",
        latencyPercentile(0.50),
        latencyPercentile(0.99),
        sent,
        sendSeconds,
        drainSeconds,
        drainSeconds > 0 ? sent / drainSeconds : 0.0);
  }
}
