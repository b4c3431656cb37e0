package org.flipad.core.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes an {@link EvaluationRun} as files a person or a script can read.
 *
 * <ul>
 *   <li>{@value #MARKDOWN}: the run's header and settings; accuracy (%) at FNR 0.5 % as mean ± std
 *       over repetitions in tables shaped like the paper's (against real images; Table 1, different
 *       architectures; Table 2, same architecture; all sources; Table 3, perturbations), a detailed
 *       table per source with AUROC, AP, TPR at 1 % FPR and times, and the plots embedded by
 *       relative links. A table without data is replaced by a one-line note.
 *   <li>{@value #CSV}: one row per comparison, all scalar fields and the four metrics, no scores.
 *   <li>{@value #JSON}: the run's header and the same rows.
 *   <li>{@value #PLOTS}/: one ROC figure per (target, perturbation) and one score histogram per
 *       (target, method, perturbation), PNG, repetitions pooled.
 * </ul>
 *
 * <p>Tables other than Table 3 use only perturbation {@value Comparison#NO_PERTURBATION}. In each
 * cell, accuracy is first averaged over the cell's sources within a repetition, then mean ± std are
 * taken over repetitions (the paper's protocol).
 */
public final class EvaluationReport {

  /** The Markdown report's file name. */
  public static final String MARKDOWN = "report.md";

  /** The CSV results' file name. */
  public static final String CSV = "results.csv";

  /** The JSON results' file name. */
  public static final String JSON = "results.json";

  /** The plots' subdirectory. */
  public static final String PLOTS = "plots";

  private EvaluationReport() {}

  /**
   * Writes the report, results and plots into {@code directory}, creating it if needed and
   * overwriting files of the same names.
   *
   * @param run the evaluation to report
   * @param directory the output directory
   * @return every file written: report, CSV, JSON, then the plots
   * @throws IOException if a file cannot be written
   */
  public static List<Path> write(EvaluationRun run, Path directory) throws IOException {
    Path plotDirectory = directory.resolve(PLOTS);
    Files.createDirectories(plotDirectory);
    List<ResultRow> rows = run.comparisons().stream().map(ResultRow::of).toList();
    List<EvaluationPlots.Plot> plots = EvaluationPlots.write(run.comparisons(), plotDirectory);
    List<Path> written = new ArrayList<>();
    written.add(directory.resolve(MARKDOWN));
    Files.writeString(written.get(0), markdown(run, rows, plots), StandardCharsets.UTF_8);
    written.add(directory.resolve(CSV));
    ResultFiles.writeCsv(rows, written.get(1));
    written.add(directory.resolve(JSON));
    ResultFiles.writeJson(run, rows, written.get(2));
    plots.forEach(plot -> written.add(plotDirectory.resolve(plot.fileName())));
    return written;
  }

  private static String markdown(
      EvaluationRun run, List<ResultRow> rows, List<EvaluationPlots.Plot> plots) {
    StringBuilder out = new StringBuilder("# ").append(run.title()).append("\n\n");
    out.append("- Command: `").append(run.commandLine()).append("`\n");
    out.append("- Machine: ").append(run.machine()).append('\n');
    out.append("- Started: ").append(run.started()).append('\n');
    out.append(String.format(Locale.ROOT, "- Wall time: %.1f s%n", run.wallSeconds()));
    out.append(String.format(Locale.ROOT, "- Comparisons: %d%n%n", rows.size()));
    out.append("## Settings\n\n");
    if (run.settings().isEmpty()) {
      out.append("_No settings recorded._\n\n");
    } else {
      out.append("| setting | value |\n|---|---|\n");
      run.settings()
          .forEach(
              (key, value) ->
                  out.append("| ")
                      .append(AccuracyTables.escape(key))
                      .append(" | ")
                      .append(AccuracyTables.escape(value))
                      .append(" |\n"));
      out.append('\n');
    }
    out.append(AccuracyTables.markdown(rows));
    out.append("## Plots\n\n");
    if (plots.isEmpty()) {
      out.append("_No plots: there are no comparisons._\n");
    }
    for (EvaluationPlots.Plot plot : plots) {
      out.append("![").append(plot.caption()).append("](");
      out.append(PLOTS).append('/').append(plot.fileName()).append(")\n\n");
    }
    return out.toString();
  }
}
