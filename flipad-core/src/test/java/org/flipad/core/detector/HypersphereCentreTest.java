package org.flipad.core.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.flipad.core.feature.FeatureShape;
import org.junit.jupiter.api.Test;

/** The centre c: mean of φ in evaluation mode, small components pushed out to ±0.1. */
class HypersphereCentreTest {

  private static final long SEED = 20_260_511L;

  @Test
  void shouldPushSmallComponentsToPointOneKeepingTheirSign() {
    float[] centre = HypersphereCentre.pushedAway(new double[] {0.5, -0.05, 0.02, 0, -0.3, 0.1});
    assertThat(centre).containsExactly(0.5f, -0.1f, 0.1f, 0.1f, -0.3f, 0.1f);
  }

  @Test
  void shouldAverageTheRepresentationsInEvaluationModeWhenComputingTheCentre() {
    FeatureShape shape = new FeatureShape(1, 8, 8);
    DeepSadNetwork network = DeepSadArchitecture.LENET.newNetwork(shape, SEED);
    float[][] rows = TestBlobs.gaussian(new SplittableRandom(SEED), 10, shape.size(), 2f);
    try (Model model = DeepSadModel.initialisedModel(network);
        NDManager scope = model.getNDManager().newSubManager()) {
      // batch 3 splits the 10 rows into 3 + 3 + 3 + 1: the mean must not depend on the batching
      float[] centre = HypersphereCentre.of(network, model.getNDManager(), rows, 3);
      NDArray x = FeatureRows.batch(scope, network, rows, FeatureRows.identity(10), 0, 10);
      float[] evalMean = network.represent(scope, x, false).mean(new int[] {0}).toFloatArray();
      float[] trainMean = network.represent(scope, x, true).mean(new int[] {0}).toFloatArray();
      double evalGap = 0;
      double trainGap = 0;
      for (int j = 0; j < centre.length; j++) {
        float expected = HypersphereCentre.pushedAway(new double[] {evalMean[j]})[0];
        assertThat(centre[j]).as("c_%d", j).isCloseTo(expected, within(1e-5f));
        assertThat(Math.abs(centre[j])).isGreaterThanOrEqualTo(HypersphereCentre.MIN_MAGNITUDE);
        evalGap += Math.abs(evalMean[j] - centre[j]);
        trainGap += Math.abs(trainMean[j] - centre[j]);
      }
      // batch statistics would give a visibly different mean
      assertThat(trainGap).isGreaterThan(10 * evalGap + 1e-3);
    }
  }
}
