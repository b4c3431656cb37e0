package org.flipad.streams.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.Decision;

/**
 * The demo's outcome: how every upload ended, compared with where it really came from, with the
 * offline detector and with the dead-letter reason each bad input deserved.
 *
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

  /** Correct decisions among the decided (not UNDECIDED) verdicts of {@code source}. */
  public int[] accuracy(UploadSource source) {
    int correct = 0;
    int decided = 0;
    for (DemoUpload u : uploads) {
      Terminal t = terminals.get(u.uploadId());
      if (u.source() != source || t == null || t.decision() == null) {
        continue;
      }
      if (t.decision() == Decision.UNDECIDED) {
        continue;
      }
      decided++;
      boolean attributed = t.decision() == Decision.ATTRIBUTED;
      if (attributed == u.fromTarget()) {
        correct++;
      }
    }
    return new int[] {correct, decided};
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

  static long percentile(Collection<Long> values, double q) {
    List<Long> sorted = new ArrayList<>(values);
    if (sorted.isEmpty()) {
      return -1;
    }
    sorted.sort(null);
    int index = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** Prints the summary. */
  public void print(PrintWriter out, String target, double fnr) {
    out.printf(
        Locale.ROOT, "%nFLIPAD Streams demo: %s watched at FNR %.1f %%%n", target, 100 * fnr);
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
    out.println("Accuracy against the known sources (decided verdicts):");
    int allCorrect = 0;
    int allDecided = 0;
    for (UploadSource source : UploadSource.values()) {
      if (source == UploadSource.MALFORMED) {
        continue;
      }
      int[] a = accuracy(source);
      allCorrect += a[0];
      allDecided += a[1];
      if (a[1] > 0) {
        out.printf(
            Locale.ROOT,
            "  %-18s %4d / %-4d = %5.1f %%  (%s)%n",
            source,
            a[0],
            a[1],
            100.0 * a[0] / a[1],
            source == UploadSource.TARGET
                ? "should be ATTRIBUTED"
                : "should be NOT_ATTRIBUTED"
                    + (source == UploadSource.REUPLOAD ? " unless a target sample" : ""));
      }
    }
    if (allDecided > 0) {
      out.printf(
          Locale.ROOT,
          "  %-18s %4d / %-4d = %5.1f %%%n",
          "all",
          allCorrect,
          allDecided,
          100.0 * allCorrect / allDecided);
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
