package org.flipad.core.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * One batch solved by {@link FistaSolver}. Tensors: x, y [n, C, H, W] in the iterate type; t [n]; r
 * [n, C_out, H_out, W_out] in the iterate type and in float64. n shrinks as samples finish; {@code
 * original[i]} maps row i back to the batch. Each iteration runs in an {@link NDScope}, so memory
 * stays flat.
 */
final class FistaRun {

  private static final int[] SAMPLE_AXIS = {1};

  /** What a run needs from its solver. */
  record Operators(TensorOperator iterate, FinalLayer layer, LassoObjective objective) {}

  private final Operators ops;
  private final FistaSettings settings;
  private final double step;
  private final NDManager manager;
  private final boolean reference;
  private LassoBatch batch;
  private LassoResult[] results;
  private int[] original;
  private NDArray x;
  private NDArray y;
  private NDArray t;
  private NDArray r;
  private long started;
  private int iteration;

  FistaRun(Operators ops, FistaSettings settings, double step, NDManager manager) {
    this.ops = ops;
    this.settings = settings;
    this.step = step;
    this.manager = manager;
    this.reference = settings.mode() == FistaSettings.Mode.REFERENCE;
  }

  List<LassoResult> solve(LassoBatch batch) {
    started = System.nanoTime();
    initialise(batch);
    while (original.length > 0 && iteration < settings.maxIterations()) {
      iteration++;
      double[] change = iterate();
      if (reference) {
        finishSettled(change);
      }
      if (original.length > 0
          && checksObjective()
          && iteration % settings.gapCheckInterval() == 0) {
        checkGaps();
      }
    }
    if (original.length > 0) {
      finishAll(StopReason.ITERATION_CAP);
    }
    return Arrays.asList(results);
  }

  /** Certified runs check gaps; reference runs check only when the caller set objective targets. */
  private boolean checksObjective() {
    return !reference || batch.objectiveTargetsOrNull() != null;
  }

  private void initialise(LassoBatch batch) {
    this.batch = batch;
    int n = batch.size();
    results = new LassoResult[n];
    original = new int[n];
    for (int i = 0; i < n; i++) {
      original[i] = i;
    }
    DataType type = ops.iterate().dataType();
    TensorShape in = ops.layer().inputShape();
    x =
        batch.startsOrNull() == null
            ? manager.zeros(shape(n, in), type)
            : manager.create(flatten(batch.startsOrNull()), shape(n, in)).toType(type, false);
    y = x.duplicate();
    t = manager.ones(new Shape(n), type);
    NDArray targets = manager.create(flatten(batch.targets()), shape(n, ops.layer().outputShape()));
    r = targets.toType(type, false);
    // toType may hand back the same array when no conversion is needed: close only a distinct one.
    if (r != targets) {
      targets.close();
    }
  }

  /**
   * The reference rule, applied to each sample on its own (the reference's rule with one image per
   * batch, so that a sample's result does not depend on its batch-mates): samples whose mean
   * |x_{k+1} − x_k| is within the change tolerance stop.
   */
  private void finishSettled(double[] change) {
    boolean[] keep = new boolean[original.length];
    for (int i = 0; i < keep.length; i++) {
      keep[i] = change[i] > settings.changeTolerance();
      if (!keep[i]) {
        finish(i, StopReason.CHANGE_BELOW_TOLERANCE);
      }
    }
    compact(keep);
  }

  /** One FISTA step; returns each sample's mean |x_{k+1} − x_k| in the reference mode. */
  private double[] iterate() {
    long n = original.length;
    double[] change = null;
    NDArray xNew;
    NDArray yNew;
    NDArray tNew;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray gradient = ops.iterate().adjoint(ops.iterate().forward(y).sub(r));
      NDArray v = y.sub(gradient.mul(step));
      xNew = v.sign().mul(v.abs().sub(step * ops.objective().lambda()).maximum(0));
      NDArray momentum = t;
      if (!reference) {
        NDArray product = flat(y.sub(xNew).mul(xNew.sub(x))).sum(SAMPLE_AXIS);
        momentum = NDArrays.where(product.gt(0), t.onesLike(), t);
      }
      tNew = momentum.square().mul(4).add(1).sqrt().add(1).div(2);
      NDArray beta = momentum.sub(1).div(tNew).reshape(n, 1, 1, 1);
      NDArray difference = xNew.sub(x);
      yNew = xNew.add(difference.mul(beta));
      if (reference) {
        change = toDoubles(flat(difference.abs()).mean(SAMPLE_AXIS));
      }
      NDScope.unregister(xNew, yNew, tNew);
    }
    replace(xNew, yNew, tNew);
    return change;
  }

  private void replace(NDArray xNew, NDArray yNew, NDArray tNew) {
    x.close();
    y.close();
    t.close();
    x = xNew;
    y = yNew;
    t = tNew;
  }

  /** Duality gap per sample in float64 on the device; finished samples leave the batch. */
  private void checkGaps() {
    double[] primal;
    double[] dual;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray residual = r.sub(ops.iterate().forward(x));
      NDArray maxCorrelation = flat(ops.iterate().adjoint(residual).abs()).max(SAMPLE_AXIS);
      double lambda = ops.objective().lambda();
      NDArray scale = maxCorrelation.div(lambda).maximum(1).reshape(original.length, 1, 1, 1);
      primal =
          toDoubles(
              flat(residual.square())
                  .sum(SAMPLE_AXIS)
                  .mul(0.5)
                  .add(flat(x.abs()).sum(SAMPLE_AXIS).mul(lambda)));
      dual =
          toDoubles(
              flat(r.square())
                  .sum(SAMPLE_AXIS)
                  .sub(flat(r.sub(residual.div(scale)).square()).sum(SAMPLE_AXIS))
                  .mul(0.5));
    }
    boolean[] keep = new boolean[original.length];
    for (int i = 0; i < original.length; i++) {
      StopReason reason = stopReason(primal[i], dual[i], batch.objectiveTarget(original[i]));
      keep[i] = reason == null || !finishIfConfirmed(i, reason);
    }
    compact(keep);
  }

  private static double[] toDoubles(NDArray values) {
    return values.toType(DataType.FLOAT64, false).toDoubleArray();
  }

  private StopReason stopReason(double primal, double dual, double objectiveTarget) {
    if (!reference && primal - dual <= settings.tolerance() * primal) {
      return StopReason.CERTIFIED;
    }
    return primal <= objectiveTarget ? StopReason.OBJECTIVE_REACHED : null;
  }

  /**
   * The device checks gaps in the iterates' precision (a float64 convolution on a CPU costs several
   * float32 iterations); a sample stops only when the host, in double precision, confirms it.
   */
  private boolean finishIfConfirmed(int row, StopReason reason) {
    int sample = original[row];
    double[] delta = x.get(row).toType(DataType.FLOAT64, false).toDoubleArray();
    DualityCertificate certificate = ops.objective().certify(batch.targets()[sample], delta);
    boolean confirmed =
        reason == StopReason.CERTIFIED
            ? certificate.certifies(settings.tolerance())
            : certificate.primal() <= batch.objectiveTarget(sample);
    if (confirmed) {
      results[sample] =
          new LassoResult(delta, certificate, iteration, System.nanoTime() - started, reason);
    }
    return confirmed;
  }

  private void finish(int row, StopReason reason) {
    int sample = original[row];
    double[] delta = x.get(row).toType(DataType.FLOAT64, false).toDoubleArray();
    DualityCertificate certificate = ops.objective().certify(batch.targets()[sample], delta);
    results[sample] =
        new LassoResult(delta, certificate, iteration, System.nanoTime() - started, reason);
  }

  private void finishAll(StopReason reason) {
    for (int i = 0; i < original.length; i++) {
      finish(i, reason);
    }
    compact(new boolean[original.length]);
  }

  private void compact(boolean[] keep) {
    int kept = 0;
    for (boolean k : keep) {
      kept += k ? 1 : 0;
    }
    if (kept == original.length) {
      return;
    }
    int[] next = new int[kept];
    long[] rows = new long[kept];
    for (int i = 0, j = 0; i < keep.length; i++) {
      if (keep[i]) {
        rows[j] = i;
        next[j++] = original[i];
      }
    }
    original = next;
    if (kept == 0) {
      closeAll();
      return;
    }
    try (NDArray index = manager.create(rows)) {
      x = select(x, index);
      y = select(y, index);
      t = select(t, index);
      r = select(r, index);
    }
  }

  private void closeAll() {
    x.close();
    y.close();
    t.close();
    r.close();
  }

  /** Rows {@code index} (int64) of {@code array}; the old array is closed. */
  private static NDArray select(NDArray array, NDArray index) {
    NDArray selected = array.get(new NDIndex("{}", index));
    array.close();
    return selected;
  }

  /** [n, …] → [n, rest]: PyTorch reductions here take one axis. */
  private static NDArray flat(NDArray array) {
    return array.reshape(array.getShape().get(0), -1);
  }

  private static Shape shape(int n, TensorShape sample) {
    return new Shape(n, sample.channels(), sample.height(), sample.width());
  }

  private static double[] flatten(double[][] rows) {
    int width = rows[0].length;
    double[] flat = new double[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return flat;
  }
}
