package org.flipad.core.inversion;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.flipad.core.compute.TorchEngine;

/**
 * Batched FISTA for the final-layer lasso on DJL tensors (PyTorch engine; on a GPU when one is
 * present and the settings allow it).
 *
 * <p>Iteration (Beck–Teboulle): x_{k+1} = S_{ηλ}(y_k − η·Wᵀ(W·y_k − r)), t_{k+1} = (1 + √(1 +
 * 4t_k²))/2, y_{k+1} = x_{k+1} + ((t_k − 1)/t_{k+1})·(x_{k+1} − x_k), with S the soft threshold.
 * Two schedules ({@link FistaSettings.Mode}):
 *
 * <ul>
 *   <li>CERTIFIED: η = 1/L with L = ‖W‖₂² by power iteration, per-sample adaptive restart
 *       (O'Donoghue–Candès: momentum reset when (y_k − x_{k+1})ᵀ(x_{k+1} − x_k) &gt; 0), and a
 *       per-sample stop when the duality gap is at most tolerance·P(δ): screened on the device in
 *       the iterates' precision, confirmed on the host in double; finished samples leave the batch.
 *   <li>REFERENCE: the official implementation's schedule: fixed η (0.025), K iterations, start
 *       given by the caller (the reference starts at δ₀ = ā), a sample stops when its mean |x_{k+1}
 *       − x_k| ≤ 1e-5 (the reference applies this to the batch's largest change, which would make a
 *       sample's result depend on its batch-mates; per sample it is the reference at batch size 1).
 *       On a CPU, {@link LaneFistaSolver} runs this schedule faster.
 * </ul>
 *
 * <p>Every returned certificate is recomputed on the host in double precision from the returned δ.
 * One instance per thread (its NDManager is not shared); close it to free native memory.
 */
public final class FistaSolver implements LassoSolver {

  private final LassoObjective objective;
  private final FistaSettings settings;
  private final double lipschitz;
  private final double step;
  private final NDManager manager;
  private final TensorOperator operator;
  private final FinalLayer layer;

  /**
   * @param layer the final layer W
   * @param lambda λ &gt; 0
   * @param settings schedule, tolerances, precision, device
   */
  public FistaSolver(FinalLayer layer, double lambda, FistaSettings settings) {
    this.layer = layer;
    this.objective = new LassoObjective(layer.columns(), lambda);
    this.settings = settings;
    double norm = OperatorNorm.spectralNorm(objective.operator());
    this.lipschitz = norm * norm;
    this.step = Double.isNaN(settings.step()) ? 1 / lipschitz : settings.step();
    this.manager = NDManager.newBaseManager(TorchEngine.select(settings.device()), "PyTorch");
    DataType iterateType =
        settings.precision() == FistaSettings.Precision.FLOAT64
            ? DataType.FLOAT64
            : DataType.FLOAT32;
    this.operator = TensorOperator.of(layer, manager, iterateType);
  }

  @Override
  public String name() {
    return settings.mode() == FistaSettings.Mode.REFERENCE ? "fista-reference" : "fista-certified";
  }

  /** The step η in use. */
  public double step() {
    return step;
  }

  /** L = ‖W‖₂², the Lipschitz constant of the smooth part's gradient. */
  public double lipschitz() {
    return lipschitz;
  }

  /** The device the iterations run on. */
  public Device device() {
    return manager.getDevice();
  }

  @Override
  public List<LassoResult> solve(LassoBatch batch) {
    int m = layer.outputShape().size();
    for (int n = 0; n < batch.size(); n++) {
      if (batch.targets()[n].length != m) {
        throw new IllegalArgumentException(
            "Target "
                + n
                + " has "
                + batch.targets()[n].length
                + " values but the final layer's output has "
                + m
                + ". The image does not match the generator's output shape.");
      }
    }
    requireStartLengths(batch);
    try (NDManager batchManager = manager.newSubManager()) {
      FistaRun run =
          new FistaRun(
              new FistaRun.Operators(operator, layer, objective), settings, step, batchManager);
      return run.solve(batch);
    }
  }

  private void requireStartLengths(LassoBatch batch) {
    int p = layer.inputShape().size();
    for (int n = 0; n < batch.size(); n++) {
      double[] start = batch.start(n);
      if (start != null && start.length != p) {
        throw new IllegalArgumentException(
            "Start " + n + " has " + start.length + " values; the activation has " + p + ".");
      }
      if (start != null) {
        LassoBatch.requireFinite("Start " + n, start);
      }
    }
  }

  /** Arrays alive in this solver's manager and its sub-managers (for leak tests). */
  int liveArrays() {
    return ((BaseNDManager) manager).getManagedArrays().size();
  }

  @Override
  public void close() {
    operator.close();
    manager.close();
  }
}
