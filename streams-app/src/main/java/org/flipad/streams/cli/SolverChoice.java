package org.flipad.streams.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Collectors;
import org.flipad.core.attribution.InversionRecipe;
import org.flipad.core.attribution.InversionSettings;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.FistaSettings;
import org.flipad.core.inversion.FistaSolver;
import org.flipad.core.inversion.LassoSolver;
import org.flipad.core.inversion.MinimumNormSolver;
import org.flipad.core.inversion.WorkingSetSettings;
import org.flipad.core.inversion.WorkingSetSolver;
import picocli.CommandLine.ITypeConverter;

/** The {@code --solver} values of {@code flipad invert} and how each builds its solver. */
enum SolverChoice {
  /** {@link WorkingSetSolver} with {@link WorkingSetSettings#defaults()}. */
  WORKING_SET("working-set"),
  /** Certified {@link FistaSolver} with {@link FistaSettings#defaults()}. */
  FISTA("fista"),
  /** The reference schedule, {@link FistaSettings#reference()}, started at δ₀ = ā. */
  FISTA_REFERENCE("fista-reference"),
  /**
   * The minimum-norm lift of {@link MinimumNormSolver} (the detectors' default), not a lasso: λ,
   * the tolerance and the iteration cap do not apply.
   */
  MIN_NORM("min-norm");

  private final String option;

  SolverChoice(String option) {
    this.option = option;
  }

  /**
   * A solver built as chosen, with its settings for the summary.
   *
   * @param solver the solver, to be closed by its owner
   * @param settings the settings record it was built with
   * @param startAtMeanActivation whether the inversion starts at δ₀ = ā (the reference's quirk)
   * @param gapTolerance relative duality gap at or below which an image counts as certified
   */
  record Configured(
      LassoSolver solver, Record settings, boolean startAtMeanActivation, double gapTolerance) {}

  /**
   * Builds the solver.
   *
   * @param layer the final layer
   * @param lambda λ
   * @param toleranceOrNull overrides the relative gap tolerance (for fista-reference: the iterate
   *     change tolerance); null keeps the default
   * @param threads working-set threads (the FISTA solvers use PyTorch's own threads)
   * @param maxIterationsOrNull caps FISTA iterations or coordinate-descent epochs per image; null
   *     keeps the default
   */
  Configured configure(
      FinalLayer layer,
      double lambda,
      Double toleranceOrNull,
      int threads,
      Integer maxIterationsOrNull) {
    switch (this) {
      case WORKING_SET:
        WorkingSetSettings ws = WorkingSetSettings.defaults().withThreads(threads);
        ws = toleranceOrNull == null ? ws : ws.withTolerance(toleranceOrNull);
        ws = maxIterationsOrNull == null ? ws : ws.withMaxEpochs(maxIterationsOrNull);
        return new Configured(new WorkingSetSolver(layer, lambda, ws), ws, false, ws.tolerance());
      case FISTA:
        FistaSettings f = FistaSettings.defaults();
        f = toleranceOrNull == null ? f : f.withTolerance(toleranceOrNull);
        f = maxIterationsOrNull == null ? f : f.withMaxIterations(maxIterationsOrNull);
        return new Configured(new FistaSolver(layer, lambda, f), f, false, f.tolerance());
      case MIN_NORM:
        InversionSettings m = InversionSettings.of(InversionRecipe.MIN_NORM);
        return new Configured(new MinimumNormSolver(layer, m.ridgeFactor()), m, false, 1e-3);
      default:
        FistaSettings r = FistaSettings.reference();
        r = toleranceOrNull == null ? r : withChangeTolerance(r, toleranceOrNull);
        r = maxIterationsOrNull == null ? r : r.withMaxIterations(maxIterationsOrNull);
        return new Configured(new FistaSolver(layer, lambda, r), r, true, r.tolerance());
    }
  }

  private static FistaSettings withChangeTolerance(FistaSettings s, double value) {
    return new FistaSettings(
        s.mode(),
        s.step(),
        s.maxIterations(),
        s.tolerance(),
        value,
        s.gapCheckInterval(),
        s.precision(),
        s.device());
  }

  @Override
  public String toString() {
    return option;
  }

  /** Parses {@code --solver} values, naming the accepted ones on a mistake. */
  static final class Converter implements ITypeConverter<SolverChoice> {
    @Override
    public SolverChoice convert(String value) {
      return Arrays.stream(values())
          .filter(choice -> choice.option.equalsIgnoreCase(value.strip()))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "Unknown solver '" + value + "'; expected one of " + names() + "."));
    }
  }

  /** The accepted values, for help texts. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(c -> c.option).iterator();
    }
  }

  private static String names() {
    return Arrays.stream(values()).map(c -> c.option).collect(Collectors.joining(", "));
  }
}
