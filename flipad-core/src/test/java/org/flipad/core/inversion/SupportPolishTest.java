package org.flipad.core.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The envelope Cholesky, the support Gram matrix and polishing on a known support. */
class SupportPolishTest {

  private static final long SEED = 11L;

  @Test
  void shouldSolveTheSupportGramSystemLikeADenseSolverWhenSupportIsRandom() {
    SplittableRandom random = new SplittableRandom(SEED);
    ConvTransposeLayer layer =
        RandomLayers.convTranspose(
            random, new TensorShape(16, 7, 7), 1, new ConvGeometry(4, 2, 1), false);
    SparseColumns w = layer.columns();
    int[] support = random.ints(0, w.columns()).distinct().limit(60).sorted().toArray();
    SupportGram gram = SupportGram.build(w, support);
    double[][] dense = denseGram(w, support);
    for (int k = 0; k < support.length; k++) {
      for (int j = gram.first()[k]; j <= k; j++) {
        assertThat(gram.rows()[k][j - gram.first()[k]]).isCloseTo(dense[k][j], within(1e-15));
      }
      for (int j = 0; j < gram.first()[k]; j++) {
        assertThat(dense[k][j]).as("outside the envelope").isZero();
      }
    }
    double[][] rows = new double[support.length][];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = gram.rows()[k].clone();
      rows[k][k - gram.first()[k]] += 1e-3;
    }
    double[] b = RandomLayers.gaussianDoubles(random, support.length, 1);
    double[] x = b.clone();
    ProfileCholesky.factor(gram.first(), rows).solveInPlace(x);
    for (int i = 0; i < support.length; i++) {
      double sum = 1e-3 * x[i];
      for (int j = 0; j < support.length; j++) {
        sum += dense[i][j] * x[j];
      }
      assertThat(sum).isCloseTo(b[i], within(1e-10));
    }
  }

  @Test
  void shouldReturnTheExactOptimumWhenGivenTheOptimalSupport() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    ConvTransposeLayer layer =
        RandomLayers.convTranspose(
            random, new TensorShape(8, 6, 6), 1, new ConvGeometry(4, 2, 1), false);
    double lambda = 1e-3;
    double[] r = LassoSolversTest.targets(random, layer, 1)[0];
    LassoResult reference;
    try (WorkingSetSolver cd =
        new WorkingSetSolver(
            layer,
            lambda,
            WorkingSetSettings.defaults().withTolerance(1e-7).withPolishBelowGap(0))) {
      reference = cd.solve(LassoBatch.of(new double[][] {r})).get(0);
    }
    int[] rank = new int[layer.inputShape().size()];
    Arrays.setAll(rank, j -> j);
    double[] polished =
        new SupportPolish(layer.columns(), lambda, rank).polish(r, reference.delta());
    assertThat(polished).isNotNull();
    DualityCertificate certificate =
        new LassoObjective(layer.columns(), lambda).certify(r, polished);
    assertThat(certificate.relativeGap()).isLessThan(1e-10);
    assertThat(certificate.primal()).isLessThanOrEqualTo(reference.objective());
  }

  private static double[][] denseGram(SparseColumns w, int[] support) {
    double[][] dense = new double[support.length][support.length];
    for (int a = 0; a < support.length; a++) {
      double[] column = new double[w.rows()];
      w.addColumn(support[a], 1, column);
      for (int b = 0; b < support.length; b++) {
        dense[a][b] = w.dot(support[b], column);
      }
    }
    return dense;
  }
}
