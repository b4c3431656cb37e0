package org.flipad.streams.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.flipad.core.metric.BinomialInterval;
import org.flipad.schema.Decision;

/**
 * The demo's decisions scored against where each upload really came from. Only the first upload of
 * each image counts towards a source: re-uploads are answered from the decision cache and are
 * scored apart, by whether they got their original's decision. UNDECIDED verdicts and uploads
 * without a verdict count as wrong for every source.
 *
 * @param sources one row per source that was sent: the watched generator (its rate is a TPR), each
 *     other generator by name in name order, then the real photos (TNRs)
 * @param overall all first uploads of well-formed images together (an accuracy)
 * @param reuploads the re-uploads
 */
public record DemoAccuracy(
    List<SourceScore> sources, SourceScore overall, ReuploadScore reuploads) {

  /** The share of correct decisions every source should reach unless the user sets another. */
  public static final double DEFAULT_REQUIRED_RATE = 0.97;

  /** The row name of the real photos. */
  static final String REAL = "real photos";

  /** Copies. */
  public DemoAccuracy {
    sources = List.copyOf(sources);
  }

  /**
   * Scores {@code uploads} by how they ended.
   *
   * @param watched the watched model's label, e.g. "dcgan-seed1@1", naming its row
   * @param uploads everything sent, with its true source
   * @param terminals how each upload ended, by upload id; an upload missing here got no verdict
   */
  public static DemoAccuracy of(
      String watched, List<DemoUpload> uploads, Map<String, Terminal> terminals) {
    Tally target = new Tally(watched + " (watched)", Decision.ATTRIBUTED);
    Map<String, Tally> others = new TreeMap<>();
    Tally real = new Tally(REAL, Decision.NOT_ATTRIBUTED);
    Tally all = new Tally("all", null);
    for (DemoUpload upload : uploads) {
      Tally tally =
          switch (upload.source()) {
            case TARGET -> target;
            case OTHER_GENERATOR ->
                others.computeIfAbsent(
                    upload.detail(), name -> new Tally(name, Decision.NOT_ATTRIBUTED));
            case REAL -> real;
            case MALFORMED, REUPLOAD -> null;
          };
      if (tally != null) {
        Terminal end = terminals.get(upload.uploadId());
        tally.add(end, tally.expected);
        all.add(end, tally.expected);
      }
    }
    List<SourceScore> rows = new ArrayList<>();
    rows.add(target.score());
    others.values().forEach(tally -> rows.add(tally.score()));
    rows.add(real.score());
    rows.removeIf(row -> row.n() == 0);
    return new DemoAccuracy(rows, all.score(), reuploads(uploads, terminals));
  }

  private static ReuploadScore reuploads(
      List<DemoUpload> uploads, Map<String, Terminal> terminals) {
    int sent = 0;
    int cached = 0;
    int same = 0;
    int missing = 0;
    List<String> differing = new ArrayList<>();
    for (DemoUpload upload : uploads) {
      if (upload.source() != UploadSource.REUPLOAD) {
        continue;
      }
      sent++;
      Terminal again = terminals.get(upload.uploadId());
      if (again == null || again.decision() == null) {
        missing++;
        continue;
      }
      cached += again.cached() ? 1 : 0;
      Terminal original = terminals.get(upload.originalId());
      Decision was = original == null ? null : original.decision();
      if (again.decision() == was) {
        same++;
      } else {
        differing.add(
            String.format(
                Locale.ROOT,
                "%s%s: %s, its original %s: %s",
                upload.uploadId(),
                again.cached() ? " (cached)" : "",
                again.decision(),
                upload.originalId(),
                was == null ? "no verdict" : was));
      }
    }
    return new ReuploadScore(sent, cached, same, missing, differing);
  }

  /** The sources whose share of correct decisions is below {@code required}, in row order. */
  public List<SourceScore> below(double required) {
    return sources.stream().filter(row -> !row.meets(required)).toList();
  }

  /** Prints the table, whether every source met {@code required}, and the re-uploads. */
  public void print(PrintWriter out, double required) {
    int width =
        Math.max(
            "source".length(),
            sources.stream().mapToInt(row -> row.source().length()).max().orElse(0));
    out.println(
        "Accuracy against the known sources (first uploads only; UNDECIDED and no verdict count"
            + " as wrong; 95 % Wilson score intervals):");
    out.printf(
        Locale.ROOT,
        "  %-" + width + "s  %-14s %5s %7s %5s %9s %10s  %s%n",
        "source",
        "should be",
        "n",
        "correct",
        "wrong",
        "undecided",
        "no verdict",
        "rate [95 % interval]");
    sources.forEach(row -> printRow(out, row, width));
    if (overall.n() > 0) {
      printRow(out, overall, width);
    }
    printRequirement(out, required);
    printReuploads(out);
  }

  private static void printRow(PrintWriter out, SourceScore row, int width) {
    BinomialInterval interval = row.interval();
    out.printf(
        Locale.ROOT,
        "  %-" + width + "s  %-14s %5d %7d %5d %9d %10d  %-8s %5.1f %% [%.1f, %.1f] %%%n",
        row.source(),
        row.expected() == null ? "" : row.expected(),
        row.n(),
        row.correct(),
        row.wrong(),
        row.undecided(),
        row.missing(),
        row.rateName(),
        100 * row.rate(),
        100 * interval.lower(),
        100 * interval.upper());
  }

  private void printRequirement(PrintWriter out, double required) {
    List<SourceScore> below = below(required);
    out.printf(
        Locale.ROOT,
        "Every source at ≥ %.1f %% correct: %s%n",
        100 * required,
        below.isEmpty()
            ? "yes"
            : String.format(
                Locale.ROOT,
                "no, %d of %d below (%s)",
                below.size(),
                sources.size(),
                String.join(
                    ", ",
                    below.stream()
                        .map(
                            row ->
                                String.format(
                                    Locale.ROOT,
                                    "%s %s %.1f %%",
                                    row.source(),
                                    row.rateName(),
                                    100 * row.rate()))
                        .toList())));
  }

  private void printReuploads(PrintWriter out) {
    if (reuploads.sent() == 0) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "Re-uploads (not in the figures above): %d sent, %d answered from the decision cache,"
            + " %d with the same decision as their original%s.%n",
        reuploads.sent(),
        reuploads.cached(),
        reuploads.sameDecision(),
        reuploads.missing() > 0 ? ", " + reuploads.missing() + " without a verdict" : "");
    reuploads.differing().forEach(line -> out.printf(Locale.ROOT, "  differs: %s%n", line));
  }

  /** Counts of one source while scoring. */
  private static final class Tally {
    private final String source;
    private final Decision expected;
    private int n;
    private int correct;
    private int undecided;
    private int missing;

    Tally(String source, Decision expected) {
      this.source = source;
      this.expected = expected;
    }

    void add(Terminal end, Decision shouldBe) {
      n++;
      if (end == null || end.decision() == null) {
        missing++;
      } else if (end.decision() == Decision.UNDECIDED) {
        undecided++;
      } else if (end.decision() == shouldBe) {
        correct++;
      }
    }

    SourceScore score() {
      return new SourceScore(source, expected, n, correct, undecided, missing);
    }
  }
}
