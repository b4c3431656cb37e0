package org.flipad.core.detector;

import java.util.SplittableRandom;

/** Gaussian feature blobs for detector tests. */
final class TestBlobs {
  private TestBlobs() {}

  /** n rows of d values, each N(mean, 1). */
  static float[][] gaussian(SplittableRandom random, int n, int d, float mean) {
    float[][] rows = new float[n][d];
    for (float[] row : rows) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) (mean + random.nextGaussian());
      }
    }
    return rows;
  }

  /** The rows of a, then those of b. */
  static float[][] concat(float[][] a, float[][] b) {
    float[][] rows = new float[a.length + b.length][];
    System.arraycopy(a, 0, rows, 0, a.length);
    System.arraycopy(b, 0, rows, a.length, b.length);
    return rows;
  }

  /** AUROC that higher scores mark the other class: P(s_other > s_target) + ½P(tie). */
  static double auroc(double[] target, double[] other) {
    double wins = 0;
    for (double t : target) {
      for (double o : other) {
        wins += o > t ? 1 : o == t ? 0.5 : 0;
      }
    }
    return wins / ((double) target.length * other.length);
  }

  /** The arithmetic mean. */
  static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
