package org.flipad.core.inversion;

/**
 * One image's working-set coordinate-descent solve (the body of {@link WorkingSetSolver}).
 *
 * <p>Kept as one file because it is one algorithm (Celer's outer rounds, gap-safe working sets,
 * inner coordinate descent with Anderson extrapolation, support polishing) whose steps all read and
 * update the same δ, residual and best dual value; the pieces that stand alone already live apart
 * ({@link WorkingSetSelection}, {@link AndersonExtrapolation}, {@link SupportPolish}).
 *
 * <p>State: δ [p], the residual ρ = r − W·δ [m] kept up to date by every coordinate update, the
 * correlations Wᵀρ [p] of the last outer round, and the best dual value seen (any feasible dual
 * point bounds P*, so keeping the best one only tightens the certificate). Not thread-safe: one
 * instance per image.
 */
final class CoordinateDescentRun {

  /** Inner solves stop when their gap is below this fraction of the outer gap (Celer's choice). */
  private static final double INNER_GAP_FRACTION = 0.3;

  /** Epochs between checks of the working set's own duality gap. */
  private static final int GAP_CHECK_EPOCHS = 5;

  /**
   * Once polishing is on, rounds last at least this many epochs (and at least as long as the last
   * polish): the support is usually right long before the gap is small, so polishes are frequent.
   */
  private static final int EPOCHS_BETWEEN_POLISHES = 50;

  private final LassoObjective objective;
  private final SparseColumns w;
  private final double lambda;
  private final WorkingSetSettings settings;
  private final double[] r;
  private final double objectiveTarget;
  private final double[] correlation;
  private final SupportPolish polish;
  private double[] delta;
  private double[] residual;
  private double[] extrapolatedResidual;
  private double scale = 1;
  private boolean polishedLastRound;
  private long lastPolishNanos;
  private double safeRadius;
  private double bestDual = Double.NEGATIVE_INFINITY;
  private int epochs;

  CoordinateDescentRun(
      LassoObjective objective,
      WorkingSetSettings settings,
      SupportPolish polish,
      double[] r,
      double objectiveTarget) {
    this.polish = polish;
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
    for (int outer = 0;
        outer < settings.maxOuterIterations() && epochs < settings.maxEpochs();
        outer++) {
      DualityCertificate certificate = outerCertificate();
      if (certificate.certifies(settings.tolerance())) {
        return result(certificate, StopReason.CERTIFIED, started);
      }
      if (certificate.primal() <= objectiveTarget) {
        return result(certificate, StopReason.OBJECTIVE_REACHED, started);
      }
      // Polish at most every other round: a polished point that is not yet certified needs
      // coordinate descent to bring in the coordinates it is missing.
      polishedLastRound =
          !polishedLastRound
              && certificate.relativeGap() <= settings.polishBelowGap()
              && tryPolish(certificate);
      if (polishedLastRound) {
        continue;
      }
      // Dual is 1-strongly concave: ‖θ − θ*‖ ≤ √(2·gap), the radius of the gap-safe sphere.
      safeRadius = Math.sqrt(2 * Math.max(0, certificate.gap()));
      int[] workingSet = WorkingSetSelection.select(this::priority, w.columns(), size);
      boolean polishing = polish != null && certificate.relativeGap() <= settings.polishBelowGap();
      boolean converged =
          solveWorkingSet(
              workingSet,
              INNER_GAP_FRACTION * certificate.gap(),
              settings.maxEpochs() - epochs,
              polishing ? lastPolishNanos : Long.MAX_VALUE);
      if (converged) {
        // Celer's rule: twice the support (doubling instead grows to all of p in a few rounds
        // when |S| ≈ m, and every epoch then pays for coordinates that stay zero).
        size = Math.min(w.columns(), Math.max(settings.initialWorkingSetSize(), 2 * nonZeros()));
      }
    }
    return result(outerCertificate(), StopReason.ITERATION_CAP, started);
  }

  /** Replaces δ by its support's exact optimum when that keeps the signs and lowers P(δ). */
  private boolean tryPolish(DualityCertificate certificate) {
    long polishStart = System.nanoTime();
    double[] polished = polish == null ? null : polish.polish(r, delta);
    lastPolishNanos = System.nanoTime() - polishStart;
    if (polished == null) {
      return false;
    }
    double[] polishedResidual = r.clone();
    for (int j = 0; j < polished.length; j++) {
      if (polished[j] != 0) {
        w.addColumn(j, -polished[j], polishedResidual);
      }
    }
    if (objective.primal(polished, polishedResidual) > certificate.primal()) {
      return false;
    }
    delta = polished;
    residual = polishedResidual;
    return true;
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
    if (extrapolatedResidual != null) {
      bestDual = Math.max(bestDual, extrapolatedDual(extrapolatedResidual));
    }
    return new DualityCertificate(primal, bestDual, primal - bestDual);
  }

  /**
   * Dual value of the point built from an extrapolated residual (Celer's dual extrapolation): CD
   * residuals converge like a linear recursion, so their Anderson combination is far closer to ρ*
   * than the last residual, and the certificate tightens many epochs earlier.
   */
  private double extrapolatedDual(double[] candidate) {
    double maxCorrelation = 0;
    for (int j = 0; j < correlation.length; j++) {
      maxCorrelation = Math.max(maxCorrelation, Math.abs(w.dot(j, candidate)));
    }
    return objective.dual(r, candidate, Math.max(1, maxCorrelation / lambda));
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

  /**
   * Coordinate descent on the working set; returns true when its own gap criterion was met. With
   * polishing on, the round also ends once it has run {@link #EPOCHS_BETWEEN_POLISHES} epochs and
   * at least as long as the last polish took, so polishing never takes more than half the time.
   */
  private boolean solveWorkingSet(
      int[] workingSet, double innerTolerance, int maxEpochs, long polishNanos) {
    long roundStart = System.nanoTime();
    AndersonExtrapolation anderson =
        settings.andersonMemory() == 0
            ? null
            : new AndersonExtrapolation(workingSet.length, settings.andersonMemory());
    AndersonExtrapolation dualAnderson =
        settings.andersonMemory() == 0
            ? null
            : new AndersonExtrapolation(residual.length, settings.andersonMemory());
    double bestRestrictedDual = Double.NEGATIVE_INFINITY;
    for (int epoch = 0; epoch < maxEpochs; epoch++) {
      if (epoch >= EPOCHS_BETWEEN_POLISHES && System.nanoTime() - roundStart >= polishNanos) {
        return false;
      }
      epochs++;
      coordinateEpoch(workingSet);
      if (anderson != null && anderson.record(delta, workingSet)) {
        tryExtrapolation(workingSet, anderson);
      }
      if (dualAnderson != null && dualAnderson.record(residual)) {
        double[] candidate = dualAnderson.extrapolate();
        if (candidate != null) {
          extrapolatedResidual = candidate;
          bestRestrictedDual = Math.max(bestRestrictedDual, restrictedDual(workingSet, candidate));
        }
      }
      double primal = restrictedPrimal(workingSet);
      if (primal <= objectiveTarget) {
        return true;
      }
      // The restricted dual costs as much as an epoch; checking it every few epochs halves the
      // cost of the descent at the price of a few extra epochs.
      if (epoch % GAP_CHECK_EPOCHS == GAP_CHECK_EPOCHS - 1) {
        bestRestrictedDual = Math.max(bestRestrictedDual, restrictedDual(workingSet, residual));
        if (primal - bestRestrictedDual <= innerTolerance) {
          return true;
        }
      }
    }
    return false;
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

  /** Dual value, for the problem restricted to the working set, of the point built from ρ. */
  private double restrictedDual(int[] workingSet, double[] rho) {
    double maxCorrelation = 0;
    for (int j : workingSet) {
      maxCorrelation = Math.max(maxCorrelation, Math.abs(w.dot(j, rho)));
    }
    return objective.dual(r, rho, Math.max(1, maxCorrelation / lambda));
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
