package org.flipad.core.attribution;

import ai.djl.engine.Engine;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.FistaSettings;
import org.flipad.core.inversion.FistaSolver;
import org.flipad.core.inversion.LaneFistaSolver;
import org.flipad.core.inversion.LassoSolver;
import org.flipad.core.inversion.MinimumNormSolver;
import org.flipad.core.inversion.TargetRule;
import org.flipad.core.inversion.WorkingSetSettings;
import org.flipad.core.inversion.WorkingSetSolver;

/**
 * How FLIPAD inverts images for its features: the recipe and its constants. Stored in the detector
 * bundle, so serving inverts exactly as training did.
 *
 * @param recipe which inversion ({@link InversionRecipe}); null (bundles written before recipes
 *     existed) means {@link InversionRecipe#WORKING_SET}
 * @param lambda λ &gt; 0 of ½‖W·δ − r‖² + λ‖δ‖₁ (reference: 5e-4); unused by {@code min-norm}
 * @param tolerance working-set only: relative duality gap at which an image counts as solved, in
 *     (0, 1)
 * @param maxEpochs working-set only: cap on coordinate-descent epochs per image, ≥ 1
 * @param threads images solved in parallel, ≥ 1; never changes a result
 * @param targetRule how 8-bit pixels become target pre-activations ({@link TargetRule})
 * @param ridgeFactor min-norm only: ε as a multiple of the mean diagonal of W·Wᵀ, &gt; 0; absent
 *     (null) in bundles written before recipes existed, read as {@link #DEFAULT_RIDGE_FACTOR}
 */
public record InversionSettings(
    InversionRecipe recipe,
    double lambda,
    double tolerance,
    int maxEpochs,
    int threads,
    TargetRule targetRule,
    Double ridgeFactor) {

  /** λ of the reference implementation for GANs (FLIPAD.md section 2). */
  public static final double REFERENCE_LAMBDA = 5e-4;

  /** ε / mean diag(W·Wᵀ) of the min-norm recipe. */
  public static final double DEFAULT_RIDGE_FACTOR = 1e-3;

  /** The working-set cap of the legacy recipe. */
  public static final int DEFAULT_MAX_EPOCHS = 200;

  /** Legacy working-set settings with the default target rule of that recipe. */
  public InversionSettings(double lambda, double tolerance, int maxEpochs, int threads) {
    this(lambda, tolerance, maxEpochs, threads, TargetRule.QUANTISATION_INTERVAL);
  }

  /** Legacy working-set settings. */
  public InversionSettings(
      double lambda, double tolerance, int maxEpochs, int threads, TargetRule targetRule) {
    this(
        InversionRecipe.WORKING_SET,
        lambda,
        tolerance,
        maxEpochs,
        threads,
        targetRule,
        DEFAULT_RIDGE_FACTOR);
  }

  /** Validates the fields; fills what older bundles did not record. */
  public InversionSettings {
    if (recipe == null) {
      recipe = InversionRecipe.WORKING_SET;
    }
    if (ridgeFactor == null) {
      ridgeFactor = DEFAULT_RIDGE_FACTOR;
    }
    if (targetRule == null) {
      throw new IllegalArgumentException(
          "Inversion settings need a target rule; expected one of "
              + java.util.Arrays.toString(TargetRule.values())
              + ".");
    }
    if (!(lambda > 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException(
          "Inversion λ is " + lambda + "; expected a finite value > 0 (reference 5e-4).");
    }
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new IllegalArgumentException(
          "Inversion tolerance is "
              + tolerance
              + "; expected a relative gap in (0, 1), e.g. 1e-3.");
    }
    if (maxEpochs < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "Inversion needs maxEpochs ≥ 1 and threads ≥ 1; got " + maxEpochs + " and " + threads);
    }
    if (!(ridgeFactor > 0) || ridgeFactor.isInfinite()) {
      throw new IllegalArgumentException(
          "Inversion ridge factor is " + ridgeFactor + "; expected a finite value > 0 (1e-3).");
    }
  }

  /** The product's default: {@link #of(InversionRecipe) of(MIN_NORM)}. */
  public static InversionSettings defaults() {
    return of(InversionRecipe.MIN_NORM);
  }

  /**
   * The settings of a recipe as the product runs it: λ 5e-4; atanh targets for {@code min-norm} and
   * {@code paper}, quantisation-interval targets and a 200-epoch cap for {@code working-set}; ε =
   * 1e-3 × mean diag(W·Wᵀ); one thread per core.
   */
  public static InversionSettings of(InversionRecipe recipe) {
    TargetRule rule =
        recipe == InversionRecipe.WORKING_SET
            ? TargetRule.QUANTISATION_INTERVAL
            : TargetRule.REFERENCE;
    return new InversionSettings(
        recipe,
        REFERENCE_LAMBDA,
        1e-3,
        DEFAULT_MAX_EPOCHS,
        Runtime.getRuntime().availableProcessors(),
        rule,
        DEFAULT_RIDGE_FACTOR);
  }

  /** A copy with another tolerance. */
  public InversionSettings withTolerance(double newTolerance) {
    return new InversionSettings(
        recipe, lambda, newTolerance, maxEpochs, threads, targetRule, ridgeFactor);
  }

  /** A copy with another thread count. */
  public InversionSettings withThreads(int newThreads) {
    return new InversionSettings(
        recipe, lambda, tolerance, maxEpochs, newThreads, targetRule, ridgeFactor);
  }

  /** A copy with another target rule. */
  public InversionSettings withTargetRule(TargetRule newRule) {
    return new InversionSettings(
        recipe, lambda, tolerance, maxEpochs, threads, newRule, ridgeFactor);
  }

  /** A copy with another epoch cap. */
  public InversionSettings withMaxEpochs(int newMaxEpochs) {
    return new InversionSettings(
        recipe, lambda, tolerance, newMaxEpochs, threads, targetRule, ridgeFactor);
  }

  /** A copy with another ridge factor. */
  public InversionSettings withRidgeFactor(Double newRidgeFactor) {
    return new InversionSettings(
        recipe, lambda, tolerance, maxEpochs, threads, targetRule, newRidgeFactor);
  }

  /** Whether the solver starts at δ₀ = ā (the reference implementation's quirk). */
  public boolean startsAtMeanActivation() {
    return recipe == InversionRecipe.PAPER;
  }

  /** The solver of this recipe for {@code layer}; the caller closes it. */
  public LassoSolver newSolver(FinalLayer layer) {
    switch (recipe) {
      case MIN_NORM:
        return new MinimumNormSolver(layer, ridgeFactor);
      case PAPER:
        // The same schedule either way. The fused CPU kernel ran it 2.7× faster than DJL's CPU
        // tensors on a 28×28 layer with 64 images, but 6× slower on a 64×64×3 layer with 8 (too
        // few images to fill its SIMD lanes; docs/benchmarks.md): it is used for small layers
        // without a GPU, DJL tensors otherwise.
        boolean lanes =
            Engine.getEngine("PyTorch").getGpuCount() == 0
                && layer.outputShape().size() <= LaneFistaSolver.PREFERRED_MAX_OUTPUTS;
        return lanes
            ? new LaneFistaSolver(layer, lambda, FistaSettings.reference(), threads)
            : new FistaSolver(layer, lambda, FistaSettings.reference());
      default:
        WorkingSetSettings settings =
            WorkingSetSettings.defaults()
                .withTolerance(tolerance)
                .withMaxEpochs(maxEpochs)
                .withThreads(threads);
        return new WorkingSetSolver(layer, lambda, settings);
    }
  }

  /** One line for reports, e.g. "min-norm, ε 1e-3 × mean diag(WWᵀ), atanh targets". */
  public String summary() {
    switch (recipe) {
      case MIN_NORM:
        return String.format(
            java.util.Locale.ROOT,
            "min-norm, ε %s × mean diag(W·Wᵀ), %s targets",
            ridgeFactor,
            targetRule);
      case PAPER:
        return String.format(
            java.util.Locale.ROOT,
            "paper (FISTA η 0.025 from ā, ≤ 10,000 iterations), λ %s, %s targets",
            lambda,
            targetRule);
      default:
        return String.format(
            java.util.Locale.ROOT,
            "working-set, λ %s, relative gap %s, ≤ %d epochs, %s targets",
            lambda,
            tolerance,
            maxEpochs,
            targetRule);
    }
  }
}
