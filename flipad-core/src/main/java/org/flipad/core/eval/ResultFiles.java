package org.flipad.core.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code results.csv} and {@code results.json}: one row per comparison with every scalar field and
 * the four metrics, no score arrays. Times that were not measured are empty (CSV) or null (JSON).
 */
final class ResultFiles {

  /** The CSV columns, in order; the JSON rows use the same names in camel case. */
  static final List<String> COLUMNS =
      List.of(
          "target",
          "method",
          "perturbation",
          "source",
          "group",
          "sibling",
          "repetition",
          "n_target",
          "n_other",
          "threshold",
          "threshold_5pct",
          "feature_seconds_per_image",
          "scoring_seconds_per_image",
          "accuracy",
          "auroc",
          "average_precision",
          "tpr_at_1pct_fpr",
          "accuracy_5pct",
          "tnr",
          "tnr_5pct",
          "tpr");

  private ResultFiles() {}

  static void writeCsv(List<ResultRow> rows, Path file) throws IOException {
    StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (ResultRow row : rows) {
      Comparison c = row.comparison();
      List<String> cells =
          List.of(
              quote(c.target()),
              quote(c.method()),
              quote(c.perturbation()),
              quote(c.source()),
              c.group().name(),
              Boolean.toString(c.sibling()),
              Integer.toString(c.repetition()),
              Integer.toString(c.targetScores().length),
              Integer.toString(c.otherScores().length),
              number(c.threshold()),
              number(c.thresholdFivePercent()),
              number(c.featureSecondsPerImage()),
              number(c.scoringSecondsPerImage()),
              number(row.accuracy()),
              number(row.auroc()),
              number(row.averagePrecision()),
              number(row.tprAt1PercentFpr()),
              number(row.accuracyFivePercent()),
              number(row.tnr()),
              number(row.tnrFivePercent()),
              number(row.tpr()));
      out.append(String.join(",", cells)).append('\n');
    }
    Files.writeString(file, out, StandardCharsets.UTF_8);
  }

  static void writeJson(EvaluationRun run, List<ResultRow> rows, Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("title", run.title());
    root.put("commandLine", run.commandLine());
    root.put("machine", run.machine());
    root.put("started", run.started().toString());
    root.put("wallSeconds", run.wallSeconds());
    ObjectNode settings = root.putObject("settings");
    run.settings().forEach(settings::put);
    ArrayNode comparisons = root.putArray("comparisons");
    for (ResultRow row : rows) {
      Comparison c = row.comparison();
      ObjectNode node = comparisons.addObject();
      node.put("target", c.target());
      node.put("method", c.method());
      node.put("perturbation", c.perturbation());
      node.put("source", c.source());
      node.put("group", c.group().name());
      node.put("sibling", c.sibling());
      node.put("repetition", c.repetition());
      node.put("nTarget", c.targetScores().length);
      node.put("nOther", c.otherScores().length);
      putNumber(node, "threshold", c.threshold());
      putNumber(node, "threshold5pct", c.thresholdFivePercent());
      putNumber(node, "featureSecondsPerImage", c.featureSecondsPerImage());
      putNumber(node, "scoringSecondsPerImage", c.scoringSecondsPerImage());
      putNumber(node, "accuracy", row.accuracy());
      putNumber(node, "auroc", row.auroc());
      putNumber(node, "averagePrecision", row.averagePrecision());
      putNumber(node, "tprAt1PercentFpr", row.tprAt1PercentFpr());
      putNumber(node, "accuracy5pct", row.accuracyFivePercent());
      putNumber(node, "tnr", row.tnr());
      putNumber(node, "tnr5pct", row.tnrFivePercent());
      putNumber(node, "tpr", row.tpr());
    }
    mapper.writeValue(file.toFile(), root);
  }

  private static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  private static String number(double value) {
    return Double.isFinite(value) ? Double.toString(value) : "";
  }

  /** RFC 4180 quoting when the text holds a comma, quote or line break. */
  static String quote(String text) {
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
