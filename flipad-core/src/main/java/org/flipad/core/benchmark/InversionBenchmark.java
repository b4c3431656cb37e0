package org.flipad.core.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.FistaSettings;
import org.flipad.core.inversion.FistaSolver;
import org.flipad.core.inversion.InversionTargets;
import org.flipad.core.inversion.LaneFistaSolver;
import org.flipad.core.inversion.LassoBatch;
import org.flipad.core.inversion.LassoResult;
import org.flipad.core.inversion.MinimumNormSolver;
import org.flipad.core.inversion.WorkingSetSettings;
import org.flipad.core.inversion.WorkingSetSolver;
import org.flipad.core.progress.ProgressListener;

/**
 * Runs, in one process and on the same problems, (i) the reference FISTA schedule at η = 0.025 and
 * at η = 1/L, (ii) certified FISTA and (iii) the working-set solver, and times each to the
 * reference's final objective and to certified gaps of 1e-4 (and 1e-6 for the working-set solver).
 *
 * <p>Solver construction (power iteration, sparse columns, native set-up) happens once per model in
 * production and is not timed; every solver is warmed up on two images first so that the JIT and
 * the native library are hot ({@link SolverTimer} warms up, times and summarises each run).
 */
public final class InversionBenchmark {

  private static final int STEPS_PER_SIZE = 10;

  /** ε of the min-norm row, as a multiple of the mean diagonal of W·Wᵀ (the product's default). */
  private static final double MIN_NORM_RIDGE_FACTOR = 1e-3;

  /**
   * Threads PyTorch uses inside one FISTA solve: its intra-op pool, set by {@code
   * ai.djl.pytorch.num_threads} or, by default, one per core.
   */
  private static final int FISTA_THREADS =
      Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());

  private final BenchmarkSettings settings;
  private final ProgressListener progress;
  private final Consumer<SolverRun> finishedRuns;

  /**
   * @param settings sizes, counts, λ, reference schedule, threads, seed
   * @param progress receives one step per timed run
   * @param finishedRuns receives each run as soon as it ends (the reference run of a size first)
   */
  public InversionBenchmark(
      BenchmarkSettings settings, ProgressListener progress, Consumer<SolverRun> finishedRuns) {
    this.settings = settings;
    this.progress = progress;
    this.finishedRuns = finishedRuns;
  }

  /** Runs everything and returns the report. */
  public BenchmarkReport run() {
    progress.start("inversion benchmark", (long) STEPS_PER_SIZE * settings.sizes().size());
    List<SolverRun> runs = new ArrayList<>();
    for (int i = 0; i < settings.sizes().size(); i++) {
      List<SolverRun> sizeRuns =
          runSize(settings.sizes().get(i), settings.imagesPerSize().get(i), i);
      runs.addAll(sizeRuns);
    }
    progress.finish(runs.size() + " runs");
    return new BenchmarkReport(settings, machine(), runs);
  }

  private List<SolverRun> runSize(ProblemSize size, int images, int index) {
    long step = (long) index * STEPS_PER_SIZE;
    progress.advance(step, "drawing " + size.label());
    SyntheticProblem problem =
        SyntheticProblem.create(size, images, settings.lambda(), settings.seed() + index);
    FinalLayer layer = problem.spec().layer();
    LassoBatch batch = LassoBatch.of(new InversionTargets(problem.spec()).of(problem.images()));
    LassoBatch referenceBatch = batch.withCommonStart(toDouble(problem.spec().meanActivation()));
    SolverTimer timer = new SolverTimer(size.label(), images, finishedRuns);
    List<SolverRun> runs = new ArrayList<>();
    FistaSettings reference =
        FistaSettings.reference()
            .withStep(settings.referenceStep())
            .withMaxIterations(settings.referenceIterations());
    progress.advance(step + 1, "reference FISTA η=" + settings.referenceStep());
    List<LassoResult> referenceResults;
    try (FistaSolver solver = new FistaSolver(layer, settings.lambda(), reference)) {
      referenceResults = timer.time(solver, referenceBatch, "η=" + settings.referenceStep());
      runs.add(timer.last(BenchmarkGoal.FULL_SCHEDULE, FISTA_THREADS, r -> true));
    }
    double[] targetObjectives =
        referenceResults.stream().mapToDouble(LassoResult::objective).toArray();
    progress.advance(step + 2, "reference FISTA η=" + settings.referenceStep() + ", CPU lanes");
    int laneThreads = Math.min(settings.threads(), images);
    try (LaneFistaSolver warmUp =
            new LaneFistaSolver(
                layer, settings.lambda(), reference.withMaxIterations(100), laneThreads);
        LaneFistaSolver solver =
            new LaneFistaSolver(layer, settings.lambda(), reference, laneThreads)) {
      // The lane solver has no objective targets to stop a warm-up early: warm its code up with a
      // short schedule instead.
      warmUp.solve(referenceBatch);
      timer.timeWarm(solver, referenceBatch, "η=" + settings.referenceStep() + ", CPU lanes");
      runs.add(timer.last(BenchmarkGoal.FULL_SCHEDULE, laneThreads, r -> true));
    }
    if (layer.outputShape().size() <= MinimumNormSolver.MAX_OUTPUTS) {
      progress.advance(step + 3, "min-norm lift");
      try (MinimumNormSolver solver = new MinimumNormSolver(layer, MIN_NORM_RIDGE_FACTOR)) {
        // A solve takes milliseconds, less than the JIT needs to compile its loops: warm up on
        // the whole batch a few times, so the row measures the steady state a worker runs in.
        for (int i = 0; i < 5; i++) {
          solver.solve(batch);
        }
        timer.timeWarm(solver, batch, "(not a lasso)");
        runs.add(timer.last(BenchmarkGoal.FULL_SCHEDULE, 1, r -> true));
      }
    }
    progress.advance(step + 4, "reference FISTA η=1/L");
    try (FistaSolver solver =
        new FistaSolver(layer, settings.lambda(), reference.withStep(Double.NaN))) {
      timer.time(solver, referenceBatch, String.format("η=1/L=%.3g", solver.step()));
      runs.add(timer.last(BenchmarkGoal.FULL_SCHEDULE, FISTA_THREADS, reached(targetObjectives)));
    }
    runs.addAll(certifiedFista(layer, batch, targetObjectives, timer, step + 5));
    boolean certify = settings.certifyWorkingSetOn().contains(size);
    runs.addAll(workingSet(layer, batch, targetObjectives, timer, step + 7, certify));
    return runs;
  }

  private List<SolverRun> certifiedFista(
      FinalLayer layer, LassoBatch batch, double[] targets, SolverTimer timer, long step) {
    List<SolverRun> runs = new ArrayList<>();
    try (FistaSolver solver = new FistaSolver(layer, settings.lambda(), FistaSettings.defaults())) {
      progress.advance(step, "certified FISTA to the reference objective");
      timer.time(solver, batch.withObjectiveTargets(targets), "restart, η=1/L");
      runs.add(timer.last(BenchmarkGoal.REFERENCE_OBJECTIVE, FISTA_THREADS, reached(targets)));
      progress.advance(step + 1, "certified FISTA to gap 1e-4");
      timer.time(solver, batch, "restart, η=1/L");
      runs.add(
          timer.last(
              BenchmarkGoal.GAP_1E4, FISTA_THREADS, r -> r.result().certificate().certifies(1e-4)));
    }
    return runs;
  }

  private List<SolverRun> workingSet(
      FinalLayer layer,
      LassoBatch batch,
      double[] targets,
      SolverTimer timer,
      long step,
      boolean certify) {
    List<SolverRun> runs = new ArrayList<>();
    // More threads than images would idle; count only the cores that can work.
    int threads = Math.min(settings.threads(), batch.size());
    WorkingSetSettings base = WorkingSetSettings.defaults().withThreads(threads);
    progress.advance(step, "working-set CD to the reference objective");
    runs.add(
        runWorkingSet(
            layer,
            base,
            batch.withObjectiveTargets(targets),
            timer,
            BenchmarkGoal.REFERENCE_OBJECTIVE,
            reached(targets)));
    if (!certify) {
      return runs;
    }
    progress.advance(step + 1, "working-set CD to gap 1e-4");
    runs.add(
        runWorkingSet(
            layer,
            base.withTolerance(1e-4),
            batch,
            timer,
            BenchmarkGoal.GAP_1E4,
            r -> r.result().certificate().certifies(1e-4)));
    progress.advance(step + 2, "working-set CD to gap 1e-6");
    runs.add(
        runWorkingSet(
            layer,
            base.withTolerance(1e-6),
            batch,
            timer,
            BenchmarkGoal.GAP_1E6,
            r -> r.result().certificate().certifies(1e-6)));
    return runs;
  }

  private SolverRun runWorkingSet(
      FinalLayer layer,
      WorkingSetSettings workingSettings,
      LassoBatch batch,
      SolverTimer timer,
      BenchmarkGoal goal,
      Predicate<IndexedResult> met) {
    try (WorkingSetSolver solver =
        new WorkingSetSolver(layer, settings.lambda(), workingSettings)) {
      timer.time(solver, batch, "");
      return timer.last(goal, workingSettings.threads(), met);
    }
  }

  private static Predicate<IndexedResult> reached(double[] targets) {
    return r -> r.result().objective() <= targets[r.index()];
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static Map<String, String> machine() {
    Map<String, String> machine = new LinkedHashMap<>();
    machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    machine.put("max heap", Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
    machine.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    return machine;
  }

  /** A result with its index in the batch, for per-image goals. */
  record IndexedResult(int index, LassoResult result) {}
}
