package org.flipad.core.inversion;

/**
 * One image's working-set coordinate-descent solve (the body of {@link WorkingSetSolver}).
 *
 * <p>State: δ [p], the residual ρ = r − W·δ [m] kept up to date by every coordinate update, the
 * correlations Wᵀρ [p] of the last outer round, and the best dual value seen (any feasible dual
 * point bounds P*, so keeping the best one only tightens the certificate). Not thread-safe: one
 * instance per image.
 */
final class CoordinateDescentRun {

  /** Inner solves stop when their gap is below this fraction of the outer gap (Celer's choice). */
  private static final double INNER_GAP_FRACTION = 0.3;

  private final LassoObjective objective;
  private final SparseColumns w;
  private final double lambda;
  private final WorkingSetSettings settings;
  private final double[] r;
  private final double objectiveTarget;
  private final double[] correlation;
  private double[] delta;
  private double[] residual;
  private double scale = 1;
  private double safeRadius;
  private double bestDual = Double.NEGATIVE_INFINITY;
  private int epochs;

  CoordinateDescentRun(
      LassoObjective objective, WorkingSetSettings settings, double[] r, double objectiveTarget) {
    this.objective = objective;
    this.w = objective.operator();
    this.lambda = objective.lambda();
    this.settings = settings;
    this.r = r;
    this.objectiveTarget = objectiveTarget;
    this.correlation = new double[w.columns()];
  }

  LassoResult solve(double[] startOrNull) {
    long started = System.nanoTime();
    initialise(startOrNull);
    int size = Math.min(w.columns(), settings.initialWorkingSetSize());
    for (int outer = 0; outer < settings.maxOuterIterations(); outer++) {
      DualityCertificate certificate = outerCertificate();
      if (certificate.certifies(settings.tolerance())) {
        return result(certificate, StopReason.CERTIFIED, started);
      }
      if (certificate.primal() <= objectiveTarget) {
        return result(certificate, StopReason.OBJECTIVE_REACHED, started);
      }
      // Dual is 1-strongly concave: ‖θ − θ*‖ ≤ √(2·gap), the radius of the gap-safe sphere.
      safeRadius = Math.sqrt(2 * Math.max(0, certificate.gap()));
      int[] workingSet = WorkingSetSelection.select(this::priority, w.columns(), size);
      size = Math.min(w.columns(), Math.max(2 * size, 2 * nonZeros()));
      solveWorkingSet(workingSet, INNER_GAP_FRACTION * certificate.gap());
    }
    return result(outerCertificate(), StopReason.ITERATION_CAP, started);
  }

  private void initialise(double[] startOrNull) {
    delta = new double[w.columns()];
    residual = r.clone();
    if (startOrNull == null) {
      return;
    }
    if (startOrNull.length != delta.length) {
      throw new IllegalArgumentException(
          "Start has " + startOrNull.length + " values; the activation has " + delta.length + ".");
    }
    LassoBatch.requireFinite("Start", startOrNull);
    System.arraycopy(startOrNull, 0, delta, 0, delta.length);
    for (int j = 0; j < delta.length; j++) {
      if (delta[j] != 0) {
        w.addColumn(j, -delta[j], residual);
      }
    }
  }

  /** Computes Wᵀρ for every coordinate, the dual point's scale and the certificate. */
  private DualityCertificate outerCertificate() {
    double maxCorrelation = 0;
    for (int j = 0; j < correlation.length; j++) {
      correlation[j] = w.dot(j, residual);
      maxCorrelation = Math.max(maxCorrelation, Math.abs(correlation[j]));
    }
    scale = Math.max(1, maxCorrelation / lambda);
    double primal = objective.primal(delta, residual);
    bestDual = Math.max(bestDual, objective.dual(r, residual, scale));
    return new DualityCertificate(primal, bestDual, primal - bestDual);
  }

  /**
   * Working-set priority of coordinate j: −∞ for non-zeros (always kept), +∞ for coordinates the
   * gap-safe sphere proves zero at the optimum (|W_jᵀθ| + ‖W_j‖·√(2·gap) &lt; λ), otherwise the
   * distance (λ − |W_jᵀθ|)/‖W_j‖ of θ to the constraint's boundary.
   */
  private double priority(int j) {
    if (delta[j] != 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double norm = Math.sqrt(w.columnNormSquared(j));
    if (norm == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double dualCorrelation = Math.abs(correlation[j]) / scale;
    if (settings.screening() && dualCorrelation + norm * safeRadius < lambda) {
      return Double.POSITIVE_INFINITY;
    }
    return (lambda - dualCorrelation) / norm;
  }

  private int nonZeros() {
    int count = 0;
    for (double d : delta) {
      if (d != 0) {
        count++;
      }
    }
    return count;
  }

  private void solveWorkingSet(int[] workingSet, double innerTolerance) {
    AndersonExtrapolation anderson =
        settings.andersonMemory() == 0
            ? null
            : new AndersonExtrapolation(workingSet.length, settings.andersonMemory());
    for (int epoch = 0; epoch < settings.maxEpochs(); epoch++) {
      epochs++;
      coordinateEpoch(workingSet);
      if (anderson != null && anderson.record(delta, workingSet)) {
        tryExtrapolation(workingSet, anderson);
      }
      double primal = restrictedPrimal(workingSet);
      if (primal <= objectiveTarget
          || primal - restrictedDual(workingSet) <= innerTolerance) {
        return;
      }
    }
  }

  /** One pass of exact coordinate minimisation over the working set. */
  private void coordinateEpoch(int[] workingSet) {
    for (int j : workingSet) {
      double normSquared = w.columnNormSquared(j);
      if (normSquared == 0) {
        continue;
      }
      double old = delta[j];
      double updated = softThreshold(old + w.dot(j, residual) / normSquared, lambda / normSquared);
      if (updated != old) {
        w.addColumn(j, old - updated, residual);
        delta[j] = updated;
      }
    }
  }

  private void tryExtrapolation(int[] workingSet, AndersonExtrapolation anderson) {
    double[] candidate = anderson.extrapolate();
    if (candidate == null) {
      return;
    }
    double[] candidateResidual = residual.clone();
    double l1 = 0;
    for (int i = 0; i < workingSet.length; i++) {
      int j = workingSet[i];
      if (candidate[i] != delta[j]) {
        w.addColumn(j, delta[j] - candidate[i], candidateResidual);
      }
      l1 += Math.abs(candidate[i]);
    }
    double candidatePrimal = 0.5 * LassoObjective.squaredNorm(candidateResidual) + lambda * l1;
    if (candidatePrimal < restrictedPrimal(workingSet)) {
      for (int i = 0; i < workingSet.length; i++) {
        delta[workingSet[i]] = candidate[i];
      }
      residual = candidateResidual;
    }
  }

  /** P(δ); valid because every non-zero of δ lies in the working set. */
  private double restrictedPrimal(int[] workingSet) {
    double l1 = 0;
    for (int j : workingSet) {
      l1 += Math.abs(delta[j]);
    }
    return 0.5 * LassoObjective.squaredNorm(residual) + lambda * l1;
  }

  /** Dual value of the problem restricted to the working set. */
  private double restrictedDual(int[] workingSet) {
    double maxCorrelation = 0;
    for (int j : workingSet) {
      maxCorrelation = Math.max(maxCorrelation, Math.abs(w.dot(j, residual)));
    }
    return objective.dual(r, residual, Math.max(1, maxCorrelation / lambda));
  }

  private LassoResult result(DualityCertificate certificate, StopReason reason, long started) {
    return new LassoResult(delta, certificate, epochs, System.nanoTime() - started, reason);
  }

  static double softThreshold(double value, double threshold) {
    if (value > threshold) {
      return value - threshold;
    }
    if (value < -threshold) {
      return value + threshold;
    }
    return 0;
  }
}
