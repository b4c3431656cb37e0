package org.flipad.core.eval;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one evaluation produced: how it was run and every {@link Comparison}.
 *
 * @param title a heading for the report, e.g. "FLIPAD on MNIST GANs"
 * @param commandLine the command that produced the run, for reproduction
 * @param machine a description of the machine (cores, memory, Java, OS)
 * @param started when the run started
 * @param wallSeconds the run's wall time in seconds, ≥ 0
 * @param settings the run's settings in display order (copied, order kept)
 * @param comparisons every comparison, in the order to report them (copied)
 */
public record EvaluationRun(
    String title,
    String commandLine,
    String machine,
    Instant started,
    double wallSeconds,
    Map<String, String> settings,
    List<Comparison> comparisons) {

  /** Validates the fields and copies the settings and comparisons. */
  public EvaluationRun {
    Objects.requireNonNull(title, "EvaluationRun.title is null; expected a heading.");
    Objects.requireNonNull(commandLine, "EvaluationRun.commandLine is null; pass \"\" if unknown.");
    Objects.requireNonNull(machine, "EvaluationRun.machine is null; pass \"\" if unknown.");
    Objects.requireNonNull(started, "EvaluationRun.started is null; expected the start instant.");
    if (!(wallSeconds >= 0) || Double.isInfinite(wallSeconds)) {
      throw new IllegalArgumentException(
          "EvaluationRun.wallSeconds is " + wallSeconds + " s; expected a finite time ≥ 0.");
    }
    Objects.requireNonNull(settings, "EvaluationRun.settings is null; pass an empty map.");
    Objects.requireNonNull(comparisons, "EvaluationRun.comparisons is null; pass a list.");
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    comparisons = List.copyOf(comparisons);
  }
}
