package org.flipad.core.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Copies feature samples (Java rows) into network input batches. */
final class FeatureRows {

  private FeatureRows() {}

  /**
   * Checks that every row holds one C×H×W sample.
   *
   * @throws IllegalArgumentException naming the first row of the wrong length
   */
  static void requireShape(float[][] rows, DeepSadNetwork network) {
    int size = network.input().size();
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] == null || rows[i].length != size) {
        throw new IllegalArgumentException(
            "Feature sample "
                + i
                + " has "
                + (rows[i] == null ? "no" : rows[i].length)
                + " values; the detector expects "
                + network.input()
                + " = "
                + size
                + ". Pass features from the same feature pipeline the detector was trained on.");
      }
    }
  }

  /**
   * The rows {@code order[from]…order[to − 1]} as one batch.
   *
   * @return [to − from, C, H, W] float32 in {@code scope}
   */
  static NDArray batch(
      NDManager scope, DeepSadNetwork network, float[][] rows, int[] order, int from, int to) {
    int size = network.input().size();
    float[] flat = new float[(to - from) * size];
    for (int i = from; i < to; i++) {
      System.arraycopy(rows[order[i]], 0, flat, (i - from) * size, size);
    }
    return scope.create(flat, network.batchShape(to - from));
  }

  /** 0, 1, …, n − 1. */
  static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
