package org.flipad.core.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flipad.core.compute.DeviceChoice;
import org.junit.jupiter.api.Test;

/** Both lasso solvers on small problems: agreement, planted recovery, certificates, refusals. */
class LassoSolversTest {

  private static final long SEED = 20261128L;

  @Test
  void shouldAgreeOnObjectiveWhenBothCertifyInDoublePrecision() {
    SplittableRandom random = new SplittableRandom(SEED);
    ConvTransposeLayer layer =
        RandomLayers.convTranspose(
            random, new TensorShape(4, 5, 5), 2, new ConvGeometry(4, 2, 1), false);
    double[][] targets = targets(random, layer, 4);
    double lambda = 5e-3;
    FistaSettings fistaSettings =
        FistaSettings.defaults()
            .withPrecision(FistaSettings.Precision.FLOAT64)
            .withTolerance(1e-6)
            .withMaxIterations(100_000)
            .withDevice(DeviceChoice.CPU);
    try (FistaSolver fista = new FistaSolver(layer, lambda, fistaSettings);
        WorkingSetSolver cd =
            new WorkingSetSolver(
                layer, lambda, WorkingSetSettings.defaults().withTolerance(1e-9))) {
      List<LassoResult> a = fista.solve(LassoBatch.of(targets));
      List<LassoResult> b = cd.solve(LassoBatch.of(targets));
      for (int n = 0; n < targets.length; n++) {
        assertThat(a.get(n).stopReason())
            .as("FISTA sample %d (seed %d)", n, SEED)
            .isEqualTo(StopReason.CERTIFIED);
        assertThat(b.get(n).stopReason())
            .as("CD sample %d (seed %d)", n, SEED)
            .isEqualTo(StopReason.CERTIFIED);
        assertThat(a.get(n).certificate().relativeGap()).isLessThanOrEqualTo(1e-6);
        assertThat(b.get(n).certificate().relativeGap()).isLessThanOrEqualTo(1e-6);
        assertThat(a.get(n).objective())
            .isCloseTo(b.get(n).objective(), within(1e-6 * b.get(n).objective()));
      }
    }
  }

  @Test
  void shouldRecoverPlantedSparseActivationWhenOperatorIsWellConditioned() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    int inputs = 60;
    int outputs = 240;
    float[] weight = RandomLayers.gaussian(random, inputs * outputs, 1 / Math.sqrt(outputs));
    DenseLayer layer = new DenseLayer(inputs, outputs, weight, null);
    double[] planted = new double[inputs];
    int[] support = {3, 17, 29, 41, 58};
    for (int i = 0; i < support.length; i++) {
      planted[support[i]] = (i % 2 == 0 ? 1 : -1) * (1 + 0.5 * i);
    }
    double[] r = new double[outputs];
    layer.columns().multiply(planted, r);
    double lambda = 1e-3;
    try (WorkingSetSolver cd = new WorkingSetSolver(layer, lambda, WorkingSetSettings.defaults());
        FistaSolver fista =
            new FistaSolver(
                layer,
                lambda,
                FistaSettings.defaults()
                    .withPrecision(FistaSettings.Precision.FLOAT64)
                    .withTolerance(1e-8)
                    .withDevice(DeviceChoice.CPU))) {
      for (LassoSolver solver : List.of(cd, fista)) {
        double[] delta = solver.solve(LassoBatch.of(new double[][] {r})).get(0).delta();
        for (int j = 0; j < inputs; j++) {
          assertThat(delta[j])
              .as("%s coordinate %d", solver.name(), j)
              .isCloseTo(planted[j], within(0.01));
          if (planted[j] == 0) {
            assertThat(Math.abs(delta[j]))
                .as("%s off-support %d", solver.name(), j)
                .isLessThan(1e-6);
          }
        }
      }
    }
  }

  @Test
  void shouldSatisfyKktConditionsWhenCertified() {
    SplittableRandom random = new SplittableRandom(SEED + 2);
    ConvLayer layer =
        RandomLayers.conv(random, new TensorShape(6, 8, 8), 3, new ConvGeometry(3, 1, 1), true);
    double lambda = 2e-3;
    double[][] targets = targets(random, layer, 3);
    try (WorkingSetSolver cd =
        new WorkingSetSolver(layer, lambda, WorkingSetSettings.defaults().withTolerance(1e-10))) {
      List<LassoResult> results = cd.solve(LassoBatch.of(targets));
      for (int n = 0; n < targets.length; n++) {
        assertKkt(layer.columns(), targets[n], results.get(n).delta(), lambda);
      }
    }
  }

  @Test
  void shouldReproduceReferenceScheduleStoppingRule() {
    SplittableRandom random = new SplittableRandom(SEED + 3);
    ConvTransposeLayer layer =
        RandomLayers.convTranspose(
            random, new TensorShape(8, 6, 6), 1, new ConvGeometry(4, 2, 1), false);
    double[][] targets = targets(random, layer, 2);
    double[] start = new double[layer.inputShape().size()];
    Arrays.fill(start, 0.4);
    try (FistaSolver reference =
        new FistaSolver(
            layer,
            5e-4,
            FistaSettings.reference().withMaxIterations(300).withDevice(DeviceChoice.CPU))) {
      List<LassoResult> results = reference.solve(LassoBatch.of(targets).withCommonStart(start));
      assertThat(reference.step()).isEqualTo(0.025);
      assertThat(results).allSatisfy(r -> assertThat(r.iterations()).isEqualTo(300));
      assertThat(results)
          .allSatisfy(r -> assertThat(r.stopReason()).isEqualTo(StopReason.ITERATION_CAP));
      assertThat(results)
          .allSatisfy(r -> assertThat(r.certificate().gap()).isGreaterThanOrEqualTo(0));
    }
  }

  @Test
  void shouldKeepSolvingTheRestWhenSomeSamplesFinishEarly() {
    SplittableRandom random = new SplittableRandom(SEED + 6);
    ConvTransposeLayer layer =
        RandomLayers.convTranspose(
            random, new TensorShape(4, 5, 5), 2, new ConvGeometry(4, 2, 1), false);
    double[][] targets = targets(random, layer, 5);
    // Sample 1 is zero (certified at the first check), sample 3 tiny: they leave the batch early.
    targets[1] = new double[targets[1].length];
    for (int i = 0; i < targets[3].length; i++) {
      targets[3][i] *= 1e-3;
    }
    FistaSettings settings =
        FistaSettings.defaults()
            .withPrecision(FistaSettings.Precision.FLOAT64)
            .withTolerance(1e-6)
            .withDevice(DeviceChoice.CPU);
    try (FistaSolver fista = new FistaSolver(layer, 5e-3, settings);
        WorkingSetSolver cd =
            new WorkingSetSolver(layer, 5e-3, WorkingSetSettings.defaults().withTolerance(1e-9))) {
      List<LassoResult> batched = fista.solve(LassoBatch.of(targets));
      List<LassoResult> exact = cd.solve(LassoBatch.of(targets));
      for (int n = 0; n < targets.length; n++) {
        assertThat(batched.get(n).stopReason()).as("sample %d", n).isEqualTo(StopReason.CERTIFIED);
        assertThat(batched.get(n).objective())
            .as("sample %d", n)
            .isCloseTo(exact.get(n).objective(), within(1e-6 * exact.get(n).objective() + 1e-15));
      }
      assertThat(batched.get(1).iterations()).isLessThan(batched.get(0).iterations());
    }
  }

  @Test
  void shouldKeepLiveArrayCountFlatWhenSolvingManyBatches() {
    SplittableRandom random = new SplittableRandom(SEED + 5);
    ConvTransposeLayer layer =
        RandomLayers.convTranspose(
            random, new TensorShape(4, 5, 5), 1, new ConvGeometry(4, 2, 1), false);
    try (FistaSolver fista =
        new FistaSolver(
            layer,
            5e-3,
            FistaSettings.defaults().withMaxIterations(200).withDevice(DeviceChoice.CPU))) {
      int before = fista.liveArrays();
      for (int call = 0; call < 5; call++) {
        fista.solve(LassoBatch.of(targets(random, layer, 3)));
        assertThat(fista.liveArrays()).as("live arrays after call %d", call).isEqualTo(before);
      }
    }
  }

  @Test
  void shouldRefuseTargetWhenLengthDoesNotMatchTheLayerOutput() {
    SplittableRandom random = new SplittableRandom(SEED + 4);
    DenseLayer layer = RandomLayers.dense(random, 5, 7, false);
    try (WorkingSetSolver cd = new WorkingSetSolver(layer, 1e-3, WorkingSetSettings.defaults())) {
      assertThatThrownBy(() -> cd.solve(LassoBatch.of(new double[][] {new double[6]})))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("6 values")
          .hasMessageContaining("output has 7");
    }
  }

  @Test
  void shouldRefuseTargetWhenItHoldsNonFiniteValues() {
    double[] target = {0, Double.NaN, 1};
    assertThatThrownBy(() -> LassoBatch.of(new double[][] {target}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-finite")
        .hasMessageContaining("index 1");
  }

  @Test
  void shouldRefuseLayerWhenWeightsAreNotFinite() {
    float[] weight = new float[12];
    weight[5] = Float.POSITIVE_INFINITY;
    assertThatThrownBy(() -> new DenseLayer(3, 4, weight, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-finite")
        .hasMessageContaining("index 5");
  }

  @Test
  void shouldRefuseLayerWhenWeightCountDoesNotMatchShape() {
    assertThatThrownBy(
            () ->
                new ConvTransposeLayer(
                    new TensorShape(64, 14, 14),
                    1,
                    new ConvGeometry(4, 2, 1),
                    new float[100],
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100 values")
        .hasMessageContaining("[64, 1, 4, 4]");
  }

  static double[][] targets(SplittableRandom random, FinalLayer layer, int count) {
    double[][] targets = new double[count][];
    for (int n = 0; n < count; n++) {
      double[] a = new double[layer.inputShape().size()];
      for (int j = 0; j < a.length; j++) {
        a[j] = Math.max(0, RandomLayers.gaussian(random));
      }
      double[] r = new double[layer.outputShape().size()];
      layer.columns().multiply(a, r);
      for (int i = 0; i < r.length; i++) {
        r[i] += 0.05 * RandomLayers.gaussian(random);
      }
      targets[n] = r;
    }
    return targets;
  }

  /** Optimality: |W_jᵀρ| ≤ λ everywhere and W_jᵀρ = λ·sign(δ_j) on the support. */
  private static void assertKkt(SparseColumns w, double[] r, double[] delta, double lambda) {
    double[] residual = r.clone();
    for (int j = 0; j < delta.length; j++) {
      w.addColumn(j, -delta[j], residual);
    }
    int support = 0;
    for (int j = 0; j < delta.length; j++) {
      double correlation = w.dot(j, residual);
      assertThat(Math.abs(correlation)).as("|W_jᵀρ| at %d", j).isLessThanOrEqualTo(lambda * 1.001);
      if (delta[j] != 0) {
        support++;
        assertThat(correlation)
            .as("W_jᵀρ on support %d", j)
            .isCloseTo(Math.signum(delta[j]) * lambda, within(lambda * 0.01));
      }
    }
    assertThat(support).as("support size").isPositive();
  }
}
