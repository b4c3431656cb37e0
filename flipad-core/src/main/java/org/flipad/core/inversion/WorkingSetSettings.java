package org.flipad.core.inversion;

/**
 * Settings of {@link WorkingSetSolver}.
 *
 * @param tolerance relative duality gap that certifies a solution (default 1e-6)
 * @param maxOuterIterations cap on working-set rounds (default 1,000)
 * @param maxEpochs cap on coordinate-descent epochs per image over all rounds (default 10,000;
 *     bounds the time spent on images far from the generator's range, e.g. a uniform image)
 * @param initialWorkingSetSize size of the first working set (default 256)
 * @param andersonMemory iterates combined by Anderson extrapolation; 0 disables (default 5)
 * @param screening whether gap-safe screening removes provably-zero coordinates (default true)
 * @param threads images solved in parallel (default: available processors)
 * @param polishBelowGap once the relative gap is at or below this, each round first tries the
 *     support's exact optimum ({@code SupportPolish}); 0 disables (default 1e-2)
 */
public record WorkingSetSettings(
    double tolerance,
    int maxOuterIterations,
    int maxEpochs,
    int initialWorkingSetSize,
    int andersonMemory,
    boolean screening,
    int threads,
    double polishBelowGap) {

  /** Validates every field. */
  public WorkingSetSettings {
    require(tolerance > 0 && tolerance < 1, "tolerance", tolerance, "in (0, 1)");
    require(maxOuterIterations >= 1, "maxOuterIterations", maxOuterIterations, "≥ 1");
    require(maxEpochs >= 1, "maxEpochs", maxEpochs, "≥ 1");
    require(initialWorkingSetSize >= 1, "initialWorkingSetSize", initialWorkingSetSize, "≥ 1");
    require(
        andersonMemory == 0 || andersonMemory >= 2, "andersonMemory", andersonMemory, "0 or ≥ 2");
    require(threads >= 1, "threads", threads, "≥ 1");
    require(polishBelowGap >= 0, "polishBelowGap", polishBelowGap, "≥ 0");
  }

  /** Defaults: tolerance 1e-6, Anderson memory 5, screening on, one thread per core. */
  public static WorkingSetSettings defaults() {
    return new WorkingSetSettings(
        1e-6, 1_000, 10_000, 256, 5, true, Runtime.getRuntime().availableProcessors(), 1e-2);
  }

  /** With another tolerance. */
  public WorkingSetSettings withTolerance(double value) {
    return new WorkingSetSettings(
        value,
        maxOuterIterations,
        maxEpochs,
        initialWorkingSetSize,
        andersonMemory,
        screening,
        threads,
        polishBelowGap);
  }

  /** With another thread count. */
  public WorkingSetSettings withThreads(int value) {
    return new WorkingSetSettings(
        tolerance,
        maxOuterIterations,
        maxEpochs,
        initialWorkingSetSize,
        andersonMemory,
        screening,
        value,
        polishBelowGap);
  }

  /** With another Anderson memory (0 disables extrapolation). */
  public WorkingSetSettings withAndersonMemory(int value) {
    return new WorkingSetSettings(
        tolerance,
        maxOuterIterations,
        maxEpochs,
        initialWorkingSetSize,
        value,
        screening,
        threads,
        polishBelowGap);
  }

  /** With screening on or off. */
  public WorkingSetSettings withScreening(boolean value) {
    return new WorkingSetSettings(
        tolerance,
        maxOuterIterations,
        maxEpochs,
        initialWorkingSetSize,
        andersonMemory,
        value,
        threads,
        polishBelowGap);
  }

  /** With another cap on working-set rounds. */
  public WorkingSetSettings withMaxOuterIterations(int value) {
    return new WorkingSetSettings(
        tolerance,
        value,
        maxEpochs,
        initialWorkingSetSize,
        andersonMemory,
        screening,
        threads,
        polishBelowGap);
  }

  /** With another epoch budget per image. */
  public WorkingSetSettings withMaxEpochs(int value) {
    return new WorkingSetSettings(
        tolerance,
        maxOuterIterations,
        value,
        initialWorkingSetSize,
        andersonMemory,
        screening,
        threads,
        polishBelowGap);
  }

  /** With another polishing threshold (0 disables polishing). */
  public WorkingSetSettings withPolishBelowGap(double value) {
    return new WorkingSetSettings(
        tolerance,
        maxOuterIterations,
        maxEpochs,
        initialWorkingSetSize,
        andersonMemory,
        screening,
        threads,
        value);
  }

  static void require(boolean ok, String name, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(
          "Solver setting " + name + " = " + value + " is invalid; expected " + expected + ".");
    }
  }
}
