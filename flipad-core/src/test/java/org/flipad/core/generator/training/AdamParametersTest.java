package org.flipad.core.generator.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import org.junit.jupiter.api.Test;

/** Adam's coupled weight decay and learning-rate scale against a hand-computed trajectory. */
class AdamParametersTest {

  private static final float K = 0.3f;

  @Test
  void shouldAddTheDecayedWeightToTheGradientAndScaleTheStepWhenConfigured() {
    AdamSettings settings = new AdamSettings(0.1f, 0.9f, 0.999f, 1e-8f, 0.5f);
    try (NDManager manager = NDManager.newBaseManager()) {
      Linear linear = Linear.builder().setUnits(1).optBias(false).build();
      linear.setInitializer(new ConstantInitializer(2f), p -> true);
      linear.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
      AdamParameters adam = new AdamParameters(linear, manager, settings);
      double[] expected = expectedTrajectory(2, settings, new float[] {1f, 0.1f, 0.1f});
      float[] scales = {1f, 0.1f, 0.1f};
      for (int t = 0; t < 3; t++) {
        adam.setLearningRateScale(scales[t]);
        // loss = K·w, so the raw gradient is K and the coupled one K + λw
        NDArray loss =
            Autograd.recording(
                () ->
                    linear
                        .forward(
                            new ParameterStore(manager, false),
                            new NDList(manager.ones(new Shape(1, 1))),
                            true)
                        .singletonOrThrow()
                        .sum()
                        .mul(K));
        Autograd.backward(loss);
        adam.step();
        float w = linear.getParameters().get("weight").getArray().getFloat();
        assertThat(w).as("w after step %d", t + 1).isCloseTo((float) expected[t], within(1e-6f));
      }
    }
  }

  /** torch.optim.Adam(weight_decay=λ) by hand, in double. */
  private static double[] expectedTrajectory(double w, AdamSettings s, float[] scales) {
    double m = 0;
    double v = 0;
    double[] trajectory = new double[scales.length];
    for (int t = 1; t <= scales.length; t++) {
      double g = K + s.weightDecay() * w;
      m = s.beta1() * m + (1 - s.beta1()) * g;
      v = s.beta2() * v + (1 - s.beta2()) * g * g;
      double mHat = m / (1 - Math.pow(s.beta1(), t));
      double vHat = v / (1 - Math.pow(s.beta2(), t));
      w -= s.learningRate() * scales[t - 1] * mHat / (Math.sqrt(vHat) + s.epsilon());
      trajectory[t - 1] = w;
    }
    return trajectory;
  }
}
