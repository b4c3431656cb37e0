package org.flipad.core.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.flipad.core.generator.training.Autograd;
import org.junit.jupiter.api.Test;

/** The per-sample DeepSAD loss η(d + ε)^ỹ (d for ỹ = 0) on hand-checked values. */
class DeepSadLossTest {

  private static final double ETA = 1;
  private static final double EPSILON = 1e-6;

  @Test
  void shouldGiveSquaredDistanceToTheCentre() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray phi = manager.create(new float[][] {{1, 2}, {0.5f, -1}});
      NDArray c = manager.create(new float[] {0, 1});
      // (1, 1) → 2; (0.5, −2) → 4.25
      assertThat(DeepSadLoss.squaredDistances(phi, c).toFloatArray()).containsExactly(2f, 4.25f);
    }
  }

  @Test
  void shouldGiveDistancePlusEpsilonWhenTheSampleIsTarget() {
    assertThat(loss(4, DeepSadLoss.TARGET)).isCloseTo(4.000001, within(1e-6));
  }

  @Test
  void shouldGiveInverseDistanceWhenTheSampleIsOther() {
    assertThat(loss(4, DeepSadLoss.OTHER)).isCloseTo(1 / 4.000001, within(1e-7));
    assertThat(loss(0, DeepSadLoss.OTHER)).isCloseTo(1e6, within(1.0));
  }

  @Test
  void shouldGiveTheDistanceWhenTheSampleIsUnlabelled() {
    assertThat(loss(4, DeepSadLoss.UNLABELLED)).isCloseTo(4, within(1e-6));
  }

  @Test
  void shouldAverageOverTheBatchWithAFiniteGradientForUnlabelledSamples() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray d = manager.create(new float[] {2, 4, 0});
      d.setRequiresGradient(true);
      NDArray y = manager.create(new float[] {1, -1, 0});
      NDArray loss = Autograd.recording(() -> DeepSadLoss.mean(d, y, ETA, EPSILON));
      // (2.000001 + 1/4.000001 + 0) / 3
      assertThat(loss.getFloat()).isCloseTo((float) ((2.000001 + 1 / 4.000001) / 3), within(1e-6f));
      Autograd.backward(loss);
      // d/dd: ỹ=+1 → 1/3; ỹ=−1 → −1/(3·(4+ε)²); ỹ=0 → 1/3
      assertThat(d.getGradient().toFloatArray())
          .containsExactly(
              new float[] {1 / 3f, (float) (-1 / (3 * 4.000001 * 4.000001)), 1 / 3f},
              within(1e-6f));
    }
  }

  @Test
  void shouldNameTheBadLabelWhenALabelIsOutOfRange() {
    assertThatThrownBy(() -> DeepSadLoss.requireLabels(new int[] {1, -1, 2}, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Label 2 is 2")
        .hasMessageContaining("+1 (target)");
  }

  private static double loss(float distance, int label) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray d = manager.create(new float[] {distance});
      NDArray y = manager.create(new float[] {label});
      return DeepSadLoss.mean(d, y, ETA, EPSILON).getFloat();
    }
  }
}
