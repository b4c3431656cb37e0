package org.flipad.core.inversion;

import java.util.Arrays;

/**
 * The images [from, to) of a batch, iterated by one thread of {@link LaneFistaSolver}, the batch as
 * the innermost axis ({@code x[j][b]}). Each image stops at the first iteration whose mean |δ_{k+1}
 * − δ_k| is at most the change tolerance (the reference's rule with one image per batch; applied to
 * a batch's largest change, as the reference does, an image's features would depend on the other
 * images of its batch). A stopped image's δ is kept; its lane keeps iterating harmlessly until
 * every image of the slice has stopped.
 */
final class LaneSlice {

  /** One image's result: its δ when it stopped, after how many iterations, and why. */
  record Finished(double[] delta, int iterations, long nanos, StopReason reason) {}

  /**
   * W in two sparse layouts: by columns (entry j's gradient gathers W's column j) and by rows (the
   * forward product gathers row o into one accumulator as well). Built once per solver.
   */
  static final class Weights {
    private final int[] columnStart;
    private final int[] rowIndex;
    private final float[] value;
    private final int[] rowStart;
    private final int[] columnIndex;
    private final float[] rowValue;

    Weights(SparseColumns columns) {
      int p = columns.columns();
      this.columnStart = columns.columnStarts();
      this.rowIndex = columns.rowIndices();
      this.value = columns.values();
      int m = columns.rows();
      this.rowStart = new int[m + 1];
      for (int row : rowIndex) {
        rowStart[row + 1]++;
      }
      for (int o = 0; o < m; o++) {
        rowStart[o + 1] += rowStart[o];
      }
      this.columnIndex = new int[rowIndex.length];
      this.rowValue = new float[rowIndex.length];
      int[] fill = Arrays.copyOf(rowStart, m);
      for (int j = 0; j < p; j++) {
        for (int e = columnStart[j]; e < columnStart[j + 1]; e++) {
          int at = fill[rowIndex[e]]++;
          columnIndex[at] = j;
          rowValue[at] = value[e];
        }
      }
    }
  }

  private final int from;
  private final int lanes;
  private final float step;
  private final float threshold;
  private final float[][] x;
  private final float[][] y;
  private final float[][] target;
  private final float[][] residual;
  private final float[] gradient;
  private final float[] change;
  private final Finished[] finished;
  private final long started;
  private final int maxIterations;
  private final double changeTolerance;
  private final int[] columnStart;
  private final int[] rowIndex;
  private final float[] value;
  private final int[] rowStart;
  private final int[] columnIndex;
  private final float[] rowValue;

  /**
   * @param weights W in both layouts, shared read-only by every slice
   * @param lambda λ
   * @param settings the reference schedule: step, change tolerance and cap
   * @param m the final layer's outputs
   * @param p the activation's entries
   * @param started when the batch started, for each image's time
   */
  LaneSlice(
      Weights weights,
      double lambda,
      FistaSettings settings,
      LassoBatch batch,
      int from,
      int to,
      int m,
      int p,
      long started) {
    this.from = from;
    this.started = started;
    this.lanes = to - from;
    this.step = (float) settings.step();
    this.threshold = (float) (settings.step() * lambda);
    this.maxIterations = settings.maxIterations();
    this.changeTolerance = settings.changeTolerance();
    this.columnStart = weights.columnStart;
    this.rowIndex = weights.rowIndex;
    this.value = weights.value;
    this.rowStart = weights.rowStart;
    this.columnIndex = weights.columnIndex;
    this.rowValue = weights.rowValue;
    this.x = new float[p][lanes];
    this.y = new float[p][lanes];
    this.target = new float[m][lanes];
    this.residual = new float[m][lanes];
    this.gradient = new float[lanes];
    this.change = new float[lanes];
    this.finished = new Finished[lanes];
    for (int b = 0; b < lanes; b++) {
      double[] start = batch.start(from + b);
      if (start != null) {
        for (int j = 0; j < p; j++) {
          x[j][b] = (float) start[j];
          y[j][b] = x[j][b];
        }
      }
      double[] r = batch.targets()[from + b];
      for (int o = 0; o < m; o++) {
        target[o][b] = (float) r[o];
      }
    }
  }

  /** The schedule: FISTA steps until every image has stopped or the cap. */
  void run() {
    int p = x.length;
    int running = lanes;
    double t = 1;
    int iteration = 0;
    while (running > 0 && iteration < maxIterations) {
      // Without restart every image shares t_k, so β_k = (t_k − 1)/t_{k+1} is one number.
      double next = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
      iterate((float) ((t - 1) / next));
      t = next;
      iteration++;
      for (int b = 0; b < lanes; b++) {
        if (finished[b] == null && (double) change[b] / p <= changeTolerance) {
          finished[b] = finish(b, iteration, StopReason.CHANGE_BELOW_TOLERANCE);
          running--;
        }
      }
    }
    for (int b = 0; b < lanes; b++) {
      if (finished[b] == null) {
        finished[b] = finish(b, iteration, StopReason.ITERATION_CAP);
      }
    }
  }

  private Finished finish(int b, int iteration, StopReason reason) {
    return new Finished(delta(b), iteration, System.nanoTime() - started, reason);
  }

  /**
   * One FISTA step: residual W·y − r, then per entry j the gradient Wⱼᵀ·residual, the soft
   * threshold sign(v)·max(|v| − ηλ, 0) written as max(v − ηλ, 0) + min(v + ηλ, 0) (the same float,
   * and vectorisable), the change |x_{k+1} − x_k| and the momentum step.
   */
  void iterate(float beta) {
    for (int o = 0; o < residual.length; o++) {
      float[] res = residual[o];
      gather(rowStart[o], rowStart[o + 1], columnIndex, rowValue, y, res);
      float[] r = target[o];
      for (int b = 0; b < lanes; b++) {
        res[b] -= r[b];
      }
    }
    Arrays.fill(change, 0f);
    float[] g = gradient;
    float[] ch = change;
    for (int j = 0; j < x.length; j++) {
      gather(columnStart[j], columnStart[j + 1], rowIndex, value, residual, g);
      float[] xj = x[j];
      float[] yj = y[j];
      for (int b = 0; b < lanes; b++) {
        float v = yj[b] - g[b] * step;
        float next = Math.max(v - threshold, 0f) + Math.min(v + threshold, 0f);
        float difference = next - xj[b];
        ch[b] += Math.abs(difference);
        xj[b] = next;
        yj[b] = next + difference * beta;
      }
    }
  }

  /**
   * out ← Σ_e weight[e]·source[index[e]] over e in [from, to), four entries per pass so the
   * accumulator is loaded and stored once per four products (each inner loop is one SIMD loop).
   */
  private void gather(
      int from, int to, int[] index, float[] weight, float[][] source, float[] out) {
    int lanes = this.lanes;
    Arrays.fill(out, 0f);
    int e = from;
    for (; e + 3 < to; e += 4) {
      float[] s0 = source[index[e]];
      float[] s1 = source[index[e + 1]];
      float[] s2 = source[index[e + 2]];
      float[] s3 = source[index[e + 3]];
      float w0 = weight[e];
      float w1 = weight[e + 1];
      float w2 = weight[e + 2];
      float w3 = weight[e + 3];
      for (int b = 0; b < lanes; b++) {
        out[b] += w0 * s0[b] + w1 * s1[b] + w2 * s2[b] + w3 * s3[b];
      }
    }
    for (; e < to; e++) {
      float[] s0 = source[index[e]];
      float w0 = weight[e];
      for (int b = 0; b < lanes; b++) {
        out[b] += w0 * s0[b];
      }
    }
  }

  /** The first image's index in the batch. */
  int from() {
    return from;
  }

  /** The number of images. */
  int lanes() {
    return lanes;
  }

  /** Image {@code b}'s result, once {@link #run} has returned. */
  Finished finished(int b) {
    return finished[b];
  }

  double[] delta(int b) {
    double[] delta = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      delta[j] = x[j][b];
    }
    return delta;
  }
}
