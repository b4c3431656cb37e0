package org.flipad.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The Markdown tables of {@code report.md}, shaped like the paper's: accuracy (%) at the
 * comparisons' thresholds, averaged over the selected sources within each repetition, then mean ±
 * std over repetitions.
 */
final class AccuracyTables {

  private AccuracyTables() {}

  /** A table row: its label and which comparisons feed it. */
  private record RowKey(String label, Predicate<Comparison> filter) {}

  /** The groups of sources reported in their own tables, with their headings. */
  private static final List<RowGroup> GROUPS =
      List.of(
          new RowGroup("Against real images", c -> c.group() == SourceGroup.REAL),
          new RowGroup(
              "Generators in the bank (fresh samples)", c -> c.group() == SourceGroup.BANK),
          new RowGroup(
              "Unseen runs of architectures in the bank", c -> c.group() == SourceGroup.UNSEEN_RUN),
          new RowGroup(
              "Held-out architecture (left out of the bank entirely)",
              c -> c.group() == SourceGroup.HELD_OUT_ARCHITECTURE),
          new RowGroup(
              "Siblings (generators with the target's network, in or out of the bank)",
              c -> c.sibling() && c.group() != SourceGroup.HELD_OUT_ARCHITECTURE),
          new RowGroup(
              "All sources of the main detector",
              c -> c.group() != SourceGroup.HELD_OUT_ARCHITECTURE));

  private record RowGroup(String heading, Predicate<Comparison> filter) {}

  /** A metric of a result row, with how the table describes it. */
  private record Metric(String description, ToDoubleFunction<ResultRow> value, int decimals) {}

  private static final Metric ACCURACY =
      new Metric("Accuracy (%) at FNR 0.5 %", r -> 100 * r.accuracy(), 2);
  private static final Metric ACCURACY_5 =
      new Metric("Accuracy (%) at FNR 5 %", r -> 100 * r.accuracyFivePercent(), 2);
  private static final Metric AUROC = new Metric("AUROC", ResultRow::auroc, 4);

  /** Every accuracy table and the detailed table, each with its heading. */
  static String markdown(List<ResultRow> rows) {
    StringBuilder out = new StringBuilder();
    Predicate<Comparison> clean = c -> c.perturbation().equals(Comparison.NO_PERTURBATION);
    for (Metric metric : List.of(ACCURACY, ACCURACY_5, AUROC)) {
      out.append("# ").append(metric.description()).append("\n\n");
      for (RowGroup group : GROUPS) {
        groupTable(out, rows, group.heading(), clean.and(group.filter()), metric);
      }
    }
    perturbationTable(out, rows);
    detailedTable(out, rows);
    return out.toString();
  }

  private static void groupTable(
      StringBuilder out,
      List<ResultRow> rows,
      String heading,
      Predicate<Comparison> filter,
      Metric metric) {
    out.append("## ").append(heading).append("\n\n");
    out.append(metric.description())
        .append(", perturbation \"")
        .append(Comparison.NO_PERTURBATION)
        .append("\"; mean ± std over repetitions of the mean over sources.\n\n");
    List<RowKey> keys = new ArrayList<>();
    for (String method : distinct(rows, Comparison::method)) {
      keys.add(new RowKey(method, filter.and(c -> c.method().equals(method))));
    }
    table(out, rows, "method", keys, metric);
  }

  private static void perturbationTable(StringBuilder out, List<ResultRow> rows) {
    for (RowGroup group : List.of(GROUPS.get(0), GROUPS.get(GROUPS.size() - 1))) {
      out.append("## Perturbations: ")
          .append(group.heading().toLowerCase(Locale.ROOT))
          .append("\n\n");
      out.append(
          "Accuracy (%) at FNR 0.5 %, the perturbation applied to training, validation and test"
              + " images alike; mean ± std over repetitions of the mean over sources.\n\n");
      List<RowKey> keys = new ArrayList<>();
      for (String method : distinct(rows, Comparison::method)) {
        for (String perturbation : distinct(rows, Comparison::perturbation)) {
          keys.add(
              new RowKey(
                  method + " / " + perturbation,
                  group
                      .filter()
                      .and(c -> c.method().equals(method))
                      .and(c -> c.perturbation().equals(perturbation))));
        }
      }
      table(out, rows, "method / perturbation", keys, ACCURACY);
    }
  }

  private static void table(
      StringBuilder out,
      List<ResultRow> rows,
      String rowHeading,
      List<RowKey> keys,
      Metric metric) {
    List<String> targets = distinct(rows, Comparison::target);
    StringBuilder body = new StringBuilder();
    boolean any = false;
    for (RowKey key : keys) {
      StringBuilder line = new StringBuilder("| ").append(escape(key.label())).append(" |");
      boolean rowHasData = false;
      for (String target : targets) {
        Optional<MeanStd> cell =
            cell(rows, key.filter().and(c -> c.target().equals(target)), metric.value());
        rowHasData |= cell.isPresent();
        line.append(' ')
            .append(cell.map(m -> m.format(metric.decimals())).orElse("—"))
            .append(" |");
      }
      if (rowHasData) {
        body.append(line).append('\n');
        any = true;
      }
    }
    if (!any) {
      out.append("_No comparisons for this table._\n\n");
      return;
    }
    out.append("| ").append(rowHeading).append(" |");
    targets.forEach(t -> out.append(' ').append(escape(t)).append(" |"));
    out.append("\n|---|").append("---|".repeat(targets.size())).append('\n');
    out.append(body).append('\n');
  }

  /** {@link #cell(List, Predicate, ToDoubleFunction)} of the accuracy in percent. */
  static Optional<MeanStd> cell(List<ResultRow> rows, Predicate<Comparison> filter) {
    return cell(rows, filter, r -> 100 * r.accuracy());
  }

  /**
   * A metric: the mean over the matching comparisons of each repetition, then mean ± std over
   * repetitions; empty when nothing matches.
   */
  static Optional<MeanStd> cell(
      List<ResultRow> rows, Predicate<Comparison> filter, ToDoubleFunction<ResultRow> metric) {
    Map<Integer, List<Double>> byRepetition = new TreeMap<>();
    for (ResultRow row : rows) {
      if (filter.test(row.comparison())) {
        byRepetition
            .computeIfAbsent(row.comparison().repetition(), r -> new ArrayList<>())
            .add(metric.applyAsDouble(row));
      }
    }
    if (byRepetition.isEmpty()) {
      return Optional.empty();
    }
    double[] means =
        byRepetition.values().stream()
            .mapToDouble(v -> v.stream().mapToDouble(Double::doubleValue).average().orElseThrow())
            .toArray();
    return Optional.of(MeanStd.of(means));
  }

  private static void detailedTable(StringBuilder out, List<ResultRow> rows) {
    out.append("## Detailed results\n\n");
    if (rows.isEmpty()) {
      out.append("_No comparisons._\n\n");
      return;
    }
    out.append(
        "Per source; mean ± std over repetitions. Accuracy on balanced pairs; TNR = share of the"
            + " source's images refused, TPR = share of the target's test images attributed, at"
            + " FNR 0.5 % (and 5 %).\n\n");
    out.append("| target | method | perturbation | source | group | accuracy (%) |")
        .append(" accuracy 5 % (%) | AUROC | TNR (%) | TNR 5 % (%) | TPR (%) |")
        .append(" feature s/img | scoring s/img |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    Map<List<String>, List<ResultRow>> groups = new LinkedHashMap<>();
    for (ResultRow row : rows) {
      Comparison c = row.comparison();
      groups
          .computeIfAbsent(
              List.of(
                  c.target(),
                  c.method(),
                  c.perturbation(),
                  c.source(),
                  c.group().name().toLowerCase(Locale.ROOT) + (c.sibling() ? ", sibling" : "")),
              k -> new ArrayList<>())
          .add(row);
    }
    groups.forEach(
        (key, group) -> {
          key.forEach(part -> out.append("| ").append(escape(part)).append(' '));
          out.append("| ").append(stats(group, r -> 100 * r.accuracy()).format(2));
          out.append(" | ").append(stats(group, r -> 100 * r.accuracyFivePercent()).format(2));
          out.append(" | ").append(stats(group, ResultRow::auroc).format(4));
          out.append(" | ").append(stats(group, r -> 100 * r.tnr()).format(1));
          out.append(" | ").append(stats(group, r -> 100 * r.tnrFivePercent()).format(1));
          out.append(" | ").append(stats(group, r -> 100 * r.tpr()).format(1));
          out.append(" | ").append(seconds(group, c -> c.featureSecondsPerImage()));
          out.append(" | ").append(seconds(group, c -> c.scoringSecondsPerImage()));
          out.append(" |\n");
        });
    out.append('\n');
  }

  private static MeanStd stats(List<ResultRow> group, ToDoubleFunction<ResultRow> metric) {
    return MeanStd.of(group.stream().mapToDouble(metric).toArray());
  }

  /** Seconds with three significant digits; times that were not measured (NaN) are skipped. */
  private static String seconds(List<ResultRow> group, ToDoubleFunction<Comparison> time) {
    double[] measured =
        group.stream()
            .mapToDouble(r -> time.applyAsDouble(r.comparison()))
            .filter(Double::isFinite)
            .toArray();
    if (measured.length == 0) {
      return "n/a";
    }
    MeanStd stats = MeanStd.of(measured);
    String mean = String.format(Locale.ROOT, "%.3g", stats.mean());
    return stats.n() == 1 ? mean : mean + String.format(Locale.ROOT, " ± %.2g", stats.std());
  }

  /** Distinct values in order of first appearance. */
  static List<String> distinct(List<ResultRow> rows, Function<Comparison, String> field) {
    Set<String> values = new LinkedHashSet<>();
    rows.forEach(r -> values.add(field.apply(r.comparison())));
    return List.copyOf(values);
  }

  /** Makes text safe inside a Markdown table cell. */
  static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
