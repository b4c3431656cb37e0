package org.flipad.core.benchmark;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.flipad.core.inversion.LassoBatch;
import org.flipad.core.inversion.LassoResult;
import org.flipad.core.inversion.LassoSolver;
import org.flipad.core.inversion.StopReason;

/**
 * Times the solves of one problem size for {@link InversionBenchmark}, each after a short warm-up
 * unless the caller warmed the solver up itself, and turns the last one into a {@link SolverRun}:
 * mean time, objective and iterations per image, the worst gap, the stop reasons and how many
 * images met the run's goal.
 */
final class SolverTimer {
  private final String problem;
  private final int images;
  private final Consumer<SolverRun> finishedRuns;
  private String label;
  private List<LassoResult> results;
  private long nanos;

  SolverTimer(String problem, int images, Consumer<SolverRun> finishedRuns) {
    this.problem = problem;
    this.images = images;
    this.finishedRuns = finishedRuns;
  }

  List<LassoResult> time(LassoSolver solver, LassoBatch batch, String schedule) {
    warmUp(solver, batch);
    return timeWarm(solver, batch, schedule);
  }

  /** Times a solver whose code the caller has already warmed up. */
  List<LassoResult> timeWarm(LassoSolver solver, LassoBatch batch, String schedule) {
    label = schedule.isEmpty() ? solver.name() : solver.name() + " " + schedule;
    long start = System.nanoTime();
    results = solver.solve(batch);
    nanos = System.nanoTime() - start;
    return results;
  }

  private static void warmUp(LassoSolver solver, LassoBatch batch) {
    int n = Math.min(2, batch.size());
    Supplier<double[][]> head = () -> Arrays.copyOf(batch.targets(), n);
    double[][] starts =
        batch.startsOrNull() == null ? null : Arrays.copyOf(batch.startsOrNull(), n);
    double[] objectives = new double[n];
    Arrays.fill(objectives, Double.POSITIVE_INFINITY);
    // An objective target of +∞ stops at the first check: enough to load code, not to solve.
    solver.solve(new LassoBatch(head.get(), starts, objectives));
  }

  SolverRun last(BenchmarkGoal goal, int threads, Predicate<InversionBenchmark.IndexedResult> met) {
    Map<StopReason, Integer> stops = new EnumMap<>(StopReason.class);
    int reached = 0;
    double objective = 0;
    double gap = 0;
    double iterations = 0;
    for (int i = 0; i < results.size(); i++) {
      LassoResult r = results.get(i);
      stops.merge(r.stopReason(), 1, Integer::sum);
      reached += met.test(new InversionBenchmark.IndexedResult(i, r)) ? 1 : 0;
      objective += r.objective() / images;
      gap = Math.max(gap, r.certificate().relativeGap());
      iterations += (double) r.iterations() / images;
    }
    double millis = nanos / 1e6 / images;
    SolverRun run =
        new SolverRun(
            problem,
            label,
            goal,
            images,
            threads,
            millis,
            millis * threads,
            objective,
            gap,
            iterations,
            stops,
            reached);
    finishedRuns.accept(run);
    return run;
  }
}
