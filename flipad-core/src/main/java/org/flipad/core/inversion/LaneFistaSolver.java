package org.flipad.core.inversion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reference FISTA schedule ({@link FistaSettings#reference()}) on the CPU in plain Java, with
 * the batch as the innermost axis: every activation entry j holds one float per image ({@code
 * x[j][b]}), so each of W's non-zeros is applied to the whole batch in one loop the JIT turns into
 * SIMD, and the step, soft threshold, momentum and change rule run fused in one pass over δ.
 *
 * <p>Why not the DJL path ({@link FistaSolver}) on a CPU: one iteration there is about twenty
 * tensor operations, each a separate pass over the batch's activations, and the transposed
 * convolution with one output channel keeps PyTorch's convolution kernels far from their peak. This
 * solver does the same arithmetic (float32 iterates, η fixed, δ₀ from the caller, an image stops
 * when its mean |δ_{k+1} − δ_k| is at most the change tolerance, or after K iterations) about three
 * times faster per core; {@link FistaSolver} stays the path for GPUs.
 *
 * <p>Threads split the batch's images, never an image, and each image stops on its own change, so
 * an image's result depends neither on the thread count nor on the other images of its batch.
 * Certificates are recomputed in double precision from the returned δ. The iteration itself, one
 * thread's images at a time, is {@link LaneSlice}.
 */
public final class LaneFistaSolver implements LassoSolver {

  private final FinalLayer layer;
  private final LassoObjective objective;
  private final FistaSettings settings;
  private final int threads;
  private final LaneSlice.Weights weights;
  private final ExecutorService pool;

  /**
   * Largest layer output for which callers should prefer this solver on a CPU: measured faster than
   * DJL on 28×28 layers with 64 images, slower on 64×64×3 layers with 8 images per batch.
   */
  public static final int PREFERRED_MAX_OUTPUTS = 4_096;

  /** Images per slice: a slice's x, y and residual rows then stay within a core's caches. */
  private static final int MAX_LANES = 64;

  /**
   * @param layer the final layer W
   * @param lambda λ &gt; 0
   * @param settings a REFERENCE schedule (fixed step, change tolerance, cap, float32)
   * @param threads images are split over this many threads, ≥ 1
   */
  public LaneFistaSolver(FinalLayer layer, double lambda, FistaSettings settings, int threads) {
    if (settings.mode() != FistaSettings.Mode.REFERENCE
        || Double.isNaN(settings.step())
        || settings.precision() != FistaSettings.Precision.FLOAT32) {
      throw new IllegalArgumentException(
          "The lane solver runs the reference schedule only (fixed step, float32); got "
              + settings
              + ". Use FistaSolver for certified FISTA.");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be ≥ 1; got " + threads);
    }
    this.layer = layer;
    this.objective = new LassoObjective(SparseColumns.of(layer), lambda);
    this.settings = settings;
    this.threads = threads;
    this.weights = new LaneSlice.Weights(objective.operator());
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads,
                task -> {
                  Thread thread = new Thread(task, "flipad-lane-fista");
                  thread.setDaemon(true);
                  return thread;
                });
  }

  @Override
  public String name() {
    return "fista-reference";
  }

  @Override
  public List<LassoResult> solve(LassoBatch batch) {
    if (batch.objectiveTargetsOrNull() != null) {
      throw new IllegalArgumentException(
          "The lane solver runs the reference schedule to its own stop rule; objective targets"
              + " are for FistaSolver's benchmark runs.");
    }
    int m = layer.outputShape().size();
    int p = layer.inputShape().size();
    for (int n = 0; n < batch.size(); n++) {
      requireLength("Target " + n, batch.targets()[n], m, "the final layer's output");
      double[] start = batch.start(n);
      if (start != null) {
        requireLength("Start " + n, start, p, "the activation");
        LassoBatch.requireFinite("Start " + n, start);
      }
    }
    long started = System.nanoTime();
    // Slices of at most MAX_LANES images keep a slice's iterates in cache; at least one slice per
    // thread keeps every thread busy. Slices share nothing, so no thread waits for another.
    int sliceCount =
        Math.min(batch.size(), Math.max(threads, (batch.size() + MAX_LANES - 1) / MAX_LANES));
    List<LaneSlice> slices = new ArrayList<>(sliceCount);
    for (int k = 0; k < sliceCount; k++) {
      int from = (int) ((long) batch.size() * k / sliceCount);
      int to = (int) ((long) batch.size() * (k + 1) / sliceCount);
      slices.add(
          new LaneSlice(weights, objective.lambda(), settings, batch, from, to, m, p, started));
    }
    run(slices);
    List<LassoResult> results = new ArrayList<>(batch.size());
    for (LaneSlice slice : slices) {
      for (int b = 0; b < slice.lanes(); b++) {
        LaneSlice.Finished done = slice.finished(b);
        DualityCertificate certificate =
            objective.certify(batch.targets()[slice.from() + b], done.delta());
        results.add(
            new LassoResult(
                done.delta(), certificate, done.iterations(), done.nanos(), done.reason()));
      }
    }
    return results;
  }

  private void run(List<LaneSlice> slices) {
    if (pool == null || slices.size() == 1) {
      slices.forEach(LaneSlice::run);
      return;
    }
    List<Future<?>> running = new ArrayList<>();
    for (LaneSlice slice : slices) {
      running.add(pool.submit(slice::run));
    }
    for (Future<?> future : running) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.forEach(f -> f.cancel(true));
        throw new IllegalStateException("Interrupted while inverting a batch.", e);
      } catch (ExecutionException e) {
        running.forEach(f -> f.cancel(true));
        throw new IllegalStateException("A lane FISTA thread failed: " + e.getCause(), e);
      }
    }
  }

  private static void requireLength(String what, double[] values, int expected, String of) {
    if (values.length != expected) {
      throw new IllegalArgumentException(
          what
              + " has "
              + values.length
              + " values but "
              + of
              + " has "
              + expected
              + ". The image does not match the generator's output shape.");
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
