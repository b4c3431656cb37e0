package org.flipad.core.inversion;

/**
 * Anderson extrapolation of coordinate-descent iterates (as in skglm) or of their residuals
 * (Celer's dual extrapolation): after K+1 iterates x₀…x_K, with U_i = x_{i+1} − x_i, solve (UᵀU) z
 * = 1, c = z / Σz and propose Σ c_i x_{i+1}. The caller accepts the proposal only if it lowers the
 * objective.
 */
final class AndersonExtrapolation {

  private final int memory;
  private final double[][] iterates;
  private int count;

  /**
   * @param dimension working-set size
   * @param memory K, the number of differences combined
   */
  AndersonExtrapolation(int dimension, int memory) {
    this.memory = memory;
    this.iterates = new double[memory + 1][dimension];
  }

  /** Stores δ restricted to the working set; returns true when K+1 iterates are held. */
  boolean record(double[] delta, int[] workingSet) {
    double[] slot = iterates[count++];
    for (int i = 0; i < workingSet.length; i++) {
      slot[i] = delta[workingSet[i]];
    }
    return count == memory + 1;
  }

  /** Stores a whole vector (e.g. a residual); returns true when K+1 vectors are held. */
  boolean record(double[] values) {
    System.arraycopy(values, 0, iterates[count++], 0, values.length);
    return count == memory + 1;
  }

  /** The extrapolated point on the working set, or null if the system is singular; resets. */
  double[] extrapolate() {
    count = 0;
    double[][] gram = new double[memory][memory];
    for (int a = 0; a < memory; a++) {
      for (int b = a; b < memory; b++) {
        double sum = 0;
        for (int i = 0; i < iterates[0].length; i++) {
          sum += (iterates[a + 1][i] - iterates[a][i]) * (iterates[b + 1][i] - iterates[b][i]);
        }
        gram[a][b] = sum;
        gram[b][a] = sum;
      }
    }
    double[] z = SmallLinearSystem.solveOnes(gram);
    if (z == null) {
      return null;
    }
    double total = 0;
    for (double v : z) {
      total += v;
    }
    if (total == 0 || !Double.isFinite(total)) {
      return null;
    }
    double[] point = new double[iterates[0].length];
    for (int a = 0; a < memory; a++) {
      double c = z[a] / total;
      for (int i = 0; i < point.length; i++) {
        point[i] += c * iterates[a + 1][i];
      }
    }
    return point;
  }
}
