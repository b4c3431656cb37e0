package org.flipad.core.inversion;

import java.util.ArrayList;
import java.util.List;

/**
 * Recovers the penultimate activation of images: â = ā + argmin_δ ½‖W·δ − r‖² + λ‖δ‖₁ with r =
 * σ⁻¹(x) − (W·ā + b) (FLIPAD steps 2.1–2.4).
 *
 * <p>Owns its solver and closes it. Not thread-safe when the solver is a {@link FistaSolver}; the
 * {@link WorkingSetSolver} parallelises inside one call.
 */
public final class FinalLayerInverter implements AutoCloseable {

  private final InversionSpec spec;
  private final LassoSolver solver;
  private final boolean startAtMeanActivation;
  private final InversionTargets targets;
  private final double[] meanAsStart;

  /**
   * @param spec layer, σ, ā and λ
   * @param solver a solver built for the same layer and λ
   * @param startAtMeanActivation start the solver at δ₀ = ā, the reference implementation's quirk
   */
  public FinalLayerInverter(InversionSpec spec, LassoSolver solver, boolean startAtMeanActivation) {
    this(spec, solver, startAtMeanActivation, TargetRule.REFERENCE);
  }

  /**
   * Builds an inverter whose targets follow {@code rule}.
   *
   * @param spec layer, σ, ā and λ
   * @param solver a solver built for the same layer and λ
   * @param startAtMeanActivation start the solver at δ₀ = ā, the reference implementation's quirk
   * @param rule how 8-bit pixels become target pre-activations
   */
  public FinalLayerInverter(
      InversionSpec spec, LassoSolver solver, boolean startAtMeanActivation, TargetRule rule) {
    this.spec = spec;
    this.solver = solver;
    this.startAtMeanActivation = startAtMeanActivation;
    this.meanAsStart = toDouble(spec.meanActivation());
    this.targets = new InversionTargets(spec, rule);
  }

  /** The spec in use. */
  public InversionSpec spec() {
    return spec;
  }

  /**
   * Inverts a batch of images.
   *
   * @param images [N][outputShape().size()] float32 in σ's range (tanh: [−1, 1]), C order
   * @return one result per image, in order
   */
  public List<RecoveredActivation> invert(float[][] images) {
    LassoBatch batch = LassoBatch.of(targets(images));
    if (startAtMeanActivation) {
      batch = batch.withCommonStart(meanAsStart);
    }
    List<LassoResult> solved = solver.solve(batch);
    List<RecoveredActivation> results = new ArrayList<>(solved.size());
    for (LassoResult result : solved) {
      results.add(toInversion(result));
    }
    return results;
  }

  /**
   * The lasso targets r = σ⁻¹(x) − (W·ā + b) of a batch of images.
   *
   * @param images [N][outputShape().size()] float32 in σ's range
   * @return [N][outputShape().size()] double
   */
  public double[][] targets(float[][] images) {
    return targets.of(images);
  }

  private RecoveredActivation toInversion(LassoResult result) {
    float[] activation = new float[meanAsStart.length];
    for (int j = 0; j < activation.length; j++) {
      activation[j] = (float) (meanAsStart[j] + result.delta()[j]);
    }
    return new RecoveredActivation(
        activation,
        result.objective(),
        result.certificate(),
        result.iterations(),
        result.nanos(),
        result.stopReason(),
        solver.name());
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  @Override
  public void close() {
    solver.close();
  }
}
