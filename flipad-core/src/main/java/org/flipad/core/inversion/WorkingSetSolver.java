package org.flipad.core.inversion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Plain-Java, double-precision lasso solver for final layers: coordinate descent on a growing
 * working set with gap-safe screening and Anderson extrapolation (after Celer and skglm), one image
 * per task, images in parallel.
 *
 * <p>Convolutional final layers are local, so one coordinate update costs O(C_out·k²) and a full
 * gradient Wᵀρ costs O(p·C_out·k²); the solver never forms WᵀW. Each round: compute Wᵀρ and the
 * duality gap; stop if gap ≤ tolerance·P(δ); drop coordinates that the gap-safe sphere proves zero;
 * pick the working set of coordinates closest to violating the dual constraint (all non-zeros
 * included) with twice the previous size; run coordinate descent on it until its own gap is below
 * 0.3 of the outer gap. See {@link CoordinateDescentRun}.
 */
public final class WorkingSetSolver implements LassoSolver {

  private final LassoObjective objective;
  private final WorkingSetSettings settings;
  private final ExecutorService pool;
  private final SupportPolish polish;

  /**
   * @param layer the final layer W
   * @param lambda λ &gt; 0
   * @param settings tolerance, caps, threads
   */
  public WorkingSetSolver(FinalLayer layer, double lambda, WorkingSetSettings settings) {
    this.objective = new LassoObjective(layer.columns(), lambda);
    this.settings = settings;
    this.polish =
        settings.polishBelowGap() > 0
            ? new SupportPolish(objective.operator(), lambda, localityRank(layer))
            : null;
    this.pool =
        Executors.newFixedThreadPool(
            settings.threads(),
            runnable -> {
              Thread thread = new Thread(runnable, "working-set-solver");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public String name() {
    return "working-set-cd";
  }

  /** The settings in use. */
  public WorkingSetSettings settings() {
    return settings;
  }

  @Override
  public List<LassoResult> solve(LassoBatch batch) {
    int m = objective.operator().rows();
    List<Future<LassoResult>> futures = new ArrayList<>(batch.size());
    for (int n = 0; n < batch.size(); n++) {
      requireLength("Target " + n, batch.targets()[n], m);
      int sample = n;
      futures.add(
          pool.submit(
              () ->
                  new CoordinateDescentRun(
                          objective,
                          settings,
                          polish,
                          batch.targets()[sample],
                          batch.objectiveTarget(sample))
                      .solve(batch.start(sample))));
    }
    return collect(futures);
  }

  /** Solves one target on the calling thread. */
  public LassoResult solveOne(double[] target, double[] startOrNull, double objectiveTarget) {
    requireLength("Target", target, objective.operator().rows());
    return new CoordinateDescentRun(objective, settings, polish, target, objectiveTarget)
        .solve(startOrNull);
  }

  /**
   * Spatial raster order (position-major, channel-minor) for convolutional layers, so that
   * coordinates whose columns overlap are close and W_SᵀW_S is banded; identity for dense layers.
   */
  private static int[] localityRank(FinalLayer layer) {
    TensorShape in = layer.inputShape();
    int plane = in.height() * in.width();
    int[] rank = new int[in.size()];
    for (int j = 0; j < rank.length; j++) {
      rank[j] = layer.kind() == FinalLayerKind.DENSE ? j : (j % plane) * in.channels() + j / plane;
    }
    return rank;
  }

  private static List<LassoResult> collect(List<Future<LassoResult>> futures) {
    List<LassoResult> results = new ArrayList<>(futures.size());
    try {
      for (Future<LassoResult> future : futures) {
        results.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while solving a lasso batch", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Lasso solve failed: " + e.getCause(), e.getCause());
    }
    return results;
  }

  private static void requireLength(String what, double[] values, int expected) {
    if (values.length != expected) {
      throw new IllegalArgumentException(
          what
              + " has "
              + values.length
              + " values but the final layer's output has "
              + expected
              + ". The image does not match the generator's output shape.");
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
