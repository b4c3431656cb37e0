package org.flipad.core.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinimumNormSolverTest {

  private static final long SEED = 11;

  /** δ̂ must satisfy the ridge normal equations (WᵀW + εI)·δ̂ = Wᵀ·r. */
  @Test
  void shouldSolveTheRidgeNormalEquationsWhenGivenAConvTransposeLayer() {
    SplittableRandom random = new SplittableRandom(SEED);
    ConvTransposeLayer layer =
        RandomLayers.convTranspose(
            random, new TensorShape(6, 5, 5), 2, new ConvGeometry(4, 2, 1), false);
    double[] r = RandomLayers.gaussianDoubles(random, layer.outputShape().size(), 1.0);
    try (MinimumNormSolver solver = new MinimumNormSolver(layer, 1e-3)) {
      LassoResult result = solver.solve(LassoBatch.of(new double[][] {r})).get(0);
      SparseColumns w = layer.columns();
      double[] wDelta = new double[w.rows()];
      w.multiply(result.delta(), wDelta);
      double[] lhs = new double[w.columns()];
      w.multiplyTransposed(wDelta, lhs);
      double[] rhs = new double[w.columns()];
      w.multiplyTransposed(r, rhs);
      double worst = 0;
      double scale = 0;
      for (int j = 0; j < lhs.length; j++) {
        lhs[j] += solver.epsilon() * result.delta()[j];
        worst = Math.max(worst, Math.abs(lhs[j] - rhs[j]));
        scale = Math.max(scale, Math.abs(rhs[j]));
      }
      assertThat(worst / scale).as("seed %d", SEED).isLessThan(1e-9);
      assertThat(result.stopReason()).isEqualTo(StopReason.EXACT);
      assertThat(result.certificate().gap()).isZero();
    }
  }

  /** With ε → 0 and W of full row rank, W·δ̂ reproduces r: the lift explains the image exactly. */
  @Test
  void shouldReproduceTheTargetWhenTheRidgeIsTiny() {
    SplittableRandom random = new SplittableRandom(SEED);
    DenseLayer layer = RandomLayers.dense(random, 20, 6, false);
    double[] r = RandomLayers.gaussianDoubles(random, 6, 1.0);
    try (MinimumNormSolver solver = new MinimumNormSolver(layer, 1e-12)) {
      double[] delta = solver.solve(LassoBatch.of(new double[][] {r})).get(0).delta();
      double[] reproduced = new double[6];
      layer.columns().multiply(delta, reproduced);
      for (int i = 0; i < 6; i++) {
        assertThat(reproduced[i]).as("output %d, seed %d", i, SEED).isCloseTo(r[i], within(1e-6));
      }
    }
  }

  @Test
  void shouldGiveIdenticalResultsWhetherImagesAreSolvedAloneOrInABatch() {
    SplittableRandom random = new SplittableRandom(SEED);
    ConvLayer layer =
        RandomLayers.conv(random, new TensorShape(4, 6, 6), 1, new ConvGeometry(3, 1, 1), true);
    double[] a = RandomLayers.gaussianDoubles(random, 36, 1.0);
    double[] b = RandomLayers.gaussianDoubles(random, 36, 1.0);
    try (MinimumNormSolver solver = new MinimumNormSolver(layer, 1e-3)) {
      List<LassoResult> batch = solver.solve(LassoBatch.of(new double[][] {a, b}));
      double[] alone = solver.solve(LassoBatch.of(new double[][] {b})).get(0).delta();
      assertThat(batch.get(1).delta()).containsExactly(alone);
    }
  }

  @Test
  void shouldGiveIdenticalResultsAcrossLaneBlocksOfALargeBatch() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    ConvTransposeLayer layer =
        RandomLayers.convTranspose(
            random, new TensorShape(6, 5, 5), 2, new ConvGeometry(4, 2, 1), false);
    double[][] targets = new double[150][];
    for (int n = 0; n < targets.length; n++) {
      targets[n] = RandomLayers.gaussianDoubles(random, layer.outputShape().size(), 1.0);
    }
    try (MinimumNormSolver solver = new MinimumNormSolver(layer, 1e-3)) {
      List<LassoResult> batch = solver.solve(LassoBatch.of(targets));
      assertThat(batch).hasSize(150);
      for (int n : new int[] {0, 63, 64, 127, 128, 149}) {
        double[] alone = solver.solve(LassoBatch.of(new double[][] {targets[n]})).get(0).delta();
        assertThat(batch.get(n).delta()).as("image %d", n).containsExactly(alone);
      }
    }
  }

  @Test
  void shouldRefuseLayersTooLargeToFactoriseDensely() {
    SplittableRandom random = new SplittableRandom(SEED);
    ConvTransposeLayer large =
        RandomLayers.convTranspose(
            random, new TensorShape(2, 32, 32), 3, new ConvGeometry(4, 2, 1), false);
    assertThatThrownBy(() -> new MinimumNormSolver(large, 1e-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("12288 outputs")
        .hasMessageContaining("'paper' recipe");
  }

  @Test
  void shouldRefuseANonPositiveRidgeFactor() {
    DenseLayer layer = RandomLayers.dense(new SplittableRandom(SEED), 4, 3, false);
    assertThatThrownBy(() -> new MinimumNormSolver(layer, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ridge factor is 0.0");
  }

  private static org.assertj.core.data.Offset<Double> within(double tolerance) {
    return org.assertj.core.data.Offset.offset(tolerance);
  }
}
