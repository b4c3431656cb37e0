package org.flipad.core.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's results: every run, with ratios to the reference schedule's time per image on the
 * same problem.
 *
 * @param settings what was run
 * @param machine cores, memory, Java and OS of the machine
 * @param runs every timed run, in order
 */
public record BenchmarkReport(
    BenchmarkSettings settings, Map<String, String> machine, List<SolverRun> runs) {

  /** Time per image of the reference schedule (η = 0.025) on {@code problem}. */
  public double referenceMillisPerImage(String problem) {
    return runs.stream()
        .filter(r -> r.problem().equals(problem) && r.goal() == BenchmarkGoal.FULL_SCHEDULE)
        .findFirst()
        .map(SolverRun::millisPerImage)
        .orElse(Double.NaN);
  }

  /** A Markdown table, one row per run. */
  public String toMarkdown() {
    StringBuilder out = new StringBuilder(tableHeader());
    for (SolverRun run : runs) {
      out.append(tableRow(run, referenceMillisPerImage(run.problem())));
    }
    return out.toString();
  }

  /** The Markdown table's header lines. */
  public static String tableHeader() {
    return "| problem | solver | goal | images | threads | ms/image | ms/image/core | ratio to"
        + " reference | met goal | mean objective | max rel. gap | mean iterations |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  }

  /**
   * One Markdown row.
   *
   * @param run the run
   * @param referenceMillis the reference schedule's time per image on the same problem
   */
  public static String tableRow(SolverRun run, double referenceMillis) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %d | %d | %.3f | %.3f | 1/%.1f | %d/%d | %.6g | %.2e | %.0f |%n",
        run.problem(),
        run.solver(),
        run.goal().label(),
        run.images(),
        run.threads(),
        run.millisPerImage(),
        run.millisPerImagePerCore(),
        referenceMillis / run.millisPerImage(),
        run.reachedGoal(),
        run.images(),
        run.meanObjective(),
        run.maxRelativeGap(),
        run.meanIterations());
  }
}
