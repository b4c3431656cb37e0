package org.flipad.core.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flipad.core.compute.DeviceChoice;
import org.junit.jupiter.api.Test;

class LaneFistaSolverTest {

  private static final long SEED = 20261201L;
  private static final double LAMBDA = 5e-4;

  private static ConvTransposeLayer layer(SplittableRandom random) {
    return RandomLayers.convTranspose(
        random, new TensorShape(8, 6, 6), 1, new ConvGeometry(4, 2, 1), false);
  }

  private static double[] start(FinalLayer layer) {
    double[] start = new double[layer.inputShape().size()];
    Arrays.fill(start, 0.4);
    return start;
  }

  @Test
  void shouldFollowTheReferenceScheduleComputedInDoublePrecision() {
    SplittableRandom random = new SplittableRandom(SEED);
    ConvTransposeLayer layer = layer(random);
    double[][] targets = LassoSolversTest.targets(random, layer, 5);
    FistaSettings settings = FistaSettings.reference().withMaxIterations(400);
    try (LaneFistaSolver solver = new LaneFistaSolver(layer, LAMBDA, settings, 2)) {
      List<LassoResult> results =
          solver.solve(LassoBatch.of(targets).withCommonStart(start(layer)));
      Schedule64 exact = Schedule64.run(layer, targets, start(layer), settings);
      assertThat(results).hasSize(5);
      for (int n = 0; n < targets.length; n++) {
        assertThat(results.get(n).iterations()).isEqualTo(exact.iterations);
        assertThat(results.get(n).stopReason()).isEqualTo(StopReason.ITERATION_CAP);
        // float32 iterates drift from float64 ones by rounding only: ~1e-4 after 400 steps.
        assertThat(relativeDistance(results.get(n).delta(), exact.delta[n])).isLessThan(1e-3);
      }
    }
  }

  @Test
  void shouldStopEachImageAtTheFirstIterationWhoseMeanChangeIsWithinTheTolerance() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    ConvTransposeLayer layer = layer(random);
    double[][] targets = LassoSolversTest.targets(random, layer, 3);
    LassoBatch batch = LassoBatch.of(targets);
    FistaSettings uncapped = FistaSettings.reference().withStep(2.0).withMaxIterations(2_000);
    double[] largestChange =
        Schedule64.run(layer, targets, new double[layer.inputShape().size()], uncapped)
            .largestChange;
    double tolerance = largestChange[99];
    FistaSettings settings = uncapped.withChangeTolerance(tolerance);
    List<LassoResult> results;
    try (LaneFistaSolver solver = new LaneFistaSolver(layer, LAMBDA, settings, 2)) {
      results = solver.solve(batch);
    }
    assertThat(results)
        .allSatisfy(r -> assertThat(r.stopReason()).isEqualTo(StopReason.CHANGE_BELOW_TOLERANCE));
    // The image with the largest change stops where the double-precision batch would (float32 and
    // float64 may cross the tolerance an iteration apart); the others stop earlier or with it.
    int last = results.stream().mapToInt(LassoResult::iterations).max().orElseThrow();
    assertThat(last).isBetween(98, 102);
    // The rule itself, checked on the solver's own iterates, image by image: the step into
    // iteration k_n is the first whose mean |δ_k − δ_{k−1}| is within the tolerance.
    FistaSettings noRule = uncapped.withChangeTolerance(0);
    for (int n = 0; n < targets.length; n++) {
      int stop = results.get(n).iterations();
      double[] atStop = deltas(layer, noRule.withMaxIterations(stop), 1, batch)[n];
      double[] before = deltas(layer, noRule.withMaxIterations(stop - 1), 1, batch)[n];
      double[] twoBefore = deltas(layer, noRule.withMaxIterations(stop - 2), 1, batch)[n];
      assertThat(results.get(n).delta()).isEqualTo(atStop);
      assertThat(meanChange(before, atStop)).isLessThanOrEqualTo(tolerance);
      assertThat(meanChange(twoBefore, before)).isGreaterThan(tolerance);
    }
    assertThat(results.stream().mapToInt(LassoResult::iterations).distinct().count())
        .as("images stop on their own changes, not all at once")
        .isGreaterThan(1);
  }

  @Test
  void shouldGiveAnImageTheSameResultWhateverElseIsInItsBatch() {
    SplittableRandom random = new SplittableRandom(SEED + 7);
    ConvTransposeLayer layer = layer(random);
    // More images than one slice holds, so the batch is split into several slices.
    double[][] targets = LassoSolversTest.targets(random, layer, 70);
    FistaSettings settings =
        FistaSettings.reference().withStep(2.0).withMaxIterations(500).withChangeTolerance(1e-6);
    double[][] together = deltas(layer, settings, 2, LassoBatch.of(targets));
    for (int n : new int[] {0, 1, 34, 35, 63, 64, 69}) {
      double[][] alone = deltas(layer, settings, 1, LassoBatch.of(new double[][] {targets[n]}));
      assertThat(alone[0]).isEqualTo(together[n]);
    }
  }

  private static double meanChange(double[] from, double[] to) {
    double sum = 0;
    for (int j = 0; j < from.length; j++) {
      sum += Math.abs((float) to[j] - (float) from[j]);
    }
    return sum / from.length;
  }

  @Test
  void shouldAgreeWithTheDjlReferenceSolver() {
    SplittableRandom random = new SplittableRandom(SEED + 2);
    ConvTransposeLayer layer = layer(random);
    double[][] targets = LassoSolversTest.targets(random, layer, 4);
    FistaSettings settings =
        FistaSettings.reference().withMaxIterations(300).withDevice(DeviceChoice.CPU);
    LassoBatch batch = LassoBatch.of(targets).withCommonStart(start(layer));
    try (LaneFistaSolver lanes = new LaneFistaSolver(layer, LAMBDA, settings, 2);
        FistaSolver djl = new FistaSolver(layer, LAMBDA, settings)) {
      List<LassoResult> fromLanes = lanes.solve(batch);
      List<LassoResult> fromDjl = djl.solve(batch);
      for (int n = 0; n < targets.length; n++) {
        assertThat(fromLanes.get(n).iterations()).isEqualTo(fromDjl.get(n).iterations());
        assertThat(relativeDistance(fromLanes.get(n).delta(), fromDjl.get(n).delta()))
            .isLessThan(1e-4);
      }
    }
  }

  @Test
  void shouldGiveBitIdenticalResultsForAnyThreadCount() {
    SplittableRandom random = new SplittableRandom(SEED + 3);
    ConvTransposeLayer layer = layer(random);
    double[][] targets = LassoSolversTest.targets(random, layer, 7);
    FistaSettings settings = FistaSettings.reference().withMaxIterations(200);
    LassoBatch batch = LassoBatch.of(targets).withCommonStart(start(layer));
    double[][] single = deltas(layer, settings, 1, batch);
    for (int threads : new int[] {2, 3, 7, 16}) {
      assertThat(deltas(layer, settings, threads, batch)).isDeepEqualTo(single);
    }
  }

  @Test
  void shouldStartFromZeroWhenTheBatchHasNoStart() {
    SplittableRandom random = new SplittableRandom(SEED + 4);
    ConvTransposeLayer layer = layer(random);
    double[][] targets = LassoSolversTest.targets(random, layer, 2);
    FistaSettings settings = FistaSettings.reference().withMaxIterations(50);
    try (LaneFistaSolver solver = new LaneFistaSolver(layer, LAMBDA, settings, 1)) {
      List<LassoResult> results = solver.solve(LassoBatch.of(targets));
      Schedule64 exact =
          Schedule64.run(layer, targets, new double[layer.inputShape().size()], settings);
      assertThat(relativeDistance(results.get(1).delta(), exact.delta[1])).isLessThan(1e-4);
    }
  }

  @Test
  void shouldRefuseSchedulesItDoesNotRun() {
    SplittableRandom random = new SplittableRandom(SEED + 5);
    ConvTransposeLayer layer = layer(random);
    assertThatThrownBy(() -> new LaneFistaSolver(layer, LAMBDA, FistaSettings.defaults(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference schedule only");
    assertThatThrownBy(
            () ->
                new LaneFistaSolver(
                    layer,
                    LAMBDA,
                    FistaSettings.reference().withPrecision(FistaSettings.Precision.FLOAT64),
                    1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LaneFistaSolver(layer, LAMBDA, FistaSettings.reference(), 0))
        .hasMessageContaining("threads");
  }

  @Test
  void shouldRefuseTargetsOfTheWrongLengthAndObjectiveTargets() {
    SplittableRandom random = new SplittableRandom(SEED + 6);
    ConvTransposeLayer layer = layer(random);
    try (LaneFistaSolver solver =
        new LaneFistaSolver(layer, LAMBDA, FistaSettings.reference(), 2)) {
      assertThatThrownBy(() -> solver.solve(LassoBatch.of(new double[][] {new double[5]})))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has 5 values")
          .hasMessageContaining("output shape");
      double[][] targets = LassoSolversTest.targets(random, layer, 1);
      assertThatThrownBy(
              () -> solver.solve(LassoBatch.of(targets).withObjectiveTargets(new double[] {1})))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("objective targets");
    }
  }

  private static double[][] deltas(
      FinalLayer layer, FistaSettings settings, int threads, LassoBatch batch) {
    try (LaneFistaSolver solver = new LaneFistaSolver(layer, LAMBDA, settings, threads)) {
      return solver.solve(batch).stream().map(LassoResult::delta).toArray(double[][]::new);
    }
  }

  private static double relativeDistance(double[] a, double[] b) {
    double difference = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      difference += (a[i] - b[i]) * (a[i] - b[i]);
      norm += b[i] * b[i];
    }
    return Math.sqrt(difference / norm);
  }

  /** The reference schedule written out directly, in double precision, one image at a time. */
  private static final class Schedule64 {
    double[][] delta;
    int iterations;
    double[] largestChange;

    static Schedule64 run(
        FinalLayer layer, double[][] targets, double[] start, FistaSettings settings) {
      SparseColumns w = layer.columns();
      int p = w.columns();
      int m = w.rows();
      int n = targets.length;
      double[][] x = new double[n][];
      double[][] y = new double[n][];
      for (int i = 0; i < n; i++) {
        x[i] = start.clone();
        y[i] = start.clone();
      }
      double eta = settings.step();
      double threshold = eta * LAMBDA;
      double t = 1;
      int k = 0;
      double[] residual = new double[m];
      double[] gradient = new double[p];
      double[] history = new double[settings.maxIterations()];
      while (k < settings.maxIterations()) {
        k++;
        double next = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
        double beta = (t - 1) / next;
        t = next;
        double largest = 0;
        for (int i = 0; i < n; i++) {
          w.multiply(y[i], residual);
          for (int o = 0; o < m; o++) {
            residual[o] -= targets[i][o];
          }
          w.multiplyTransposed(residual, gradient);
          double change = 0;
          for (int j = 0; j < p; j++) {
            double v = y[i][j] - eta * gradient[j];
            double shrunk = Math.signum(v) * Math.max(Math.abs(v) - threshold, 0);
            change += Math.abs(shrunk - x[i][j]);
            y[i][j] = shrunk + beta * (shrunk - x[i][j]);
            x[i][j] = shrunk;
          }
          largest = Math.max(largest, change / p);
        }
        history[k - 1] = largest;
        if (largest <= settings.changeTolerance()) {
          break;
        }
      }
      Schedule64 schedule = new Schedule64();
      schedule.delta = x;
      schedule.iterations = k;
      schedule.largestChange = history;
      return schedule;
    }
  }
}
