package org.flipad.core.generator.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.SplittableRandom;
import org.flipad.core.generator.LatentNoise;
import org.junit.jupiter.api.Test;

/** The DCGAN blocks: seeded DCGAN initialisation, gradients reach every trainable parameter. */
class DcganGeneratorTest {

  private static final long SEED = 20_261_128L;

  @Test
  void shouldDrawBatchNormGammaAroundOneAndLinearWeightsAroundZeroWhenInitialised() {
    try (NDManager manager = NDManager.newBaseManager()) {
      DcganGenerator generator = new DcganGenerator(SEED);
      generator.block().initialize(manager, DataType.FLOAT32, new Shape(1, 100));
      int gammas = 0;
      for (Pair<String, Parameter> entry : generator.block().getParameters()) {
        Parameter parameter = entry.getValue();
        NDArray array = parameter.getArray();
        float mean = array.mean().getFloat();
        float deviation = array.sub(mean).square().mean().sqrt().getFloat();
        switch (parameter.getType()) {
          case GAMMA -> {
            gammas++;
            assertThat(mean).as(entry.getKey()).isBetween(0.99f, 1.01f);
            assertThat(deviation).as(entry.getKey()).isBetween(0.015f, 0.025f);
          }
          case WEIGHT -> {
            assertThat(mean).as(entry.getKey()).isBetween(-0.005f, 0.005f);
            assertThat(deviation).as(entry.getKey()).isBetween(0.018f, 0.022f);
          }
          case BIAS, BETA, RUNNING_MEAN -> assertThat(array.abs().max().getFloat()).isZero();
          case RUNNING_VAR -> assertThat(array.sub(1).abs().max().getFloat()).isZero();
          default -> throw new AssertionError("Unexpected parameter " + entry.getKey());
        }
      }
      assertThat(gammas).isEqualTo(2);
      assertThat(generator.head().weight().getArray().getShape()).isEqualTo(new Shape(64, 1, 4, 4));
    }
  }

  @Test
  void shouldReachEveryTrainableParameterWhenBackpropagatingInTrainingMode() {
    try (NDManager manager = NDManager.newBaseManager()) {
      DcganGenerator generator = new DcganGenerator(SEED);
      generator.block().initialize(manager, DataType.FLOAT32, new Shape(1, 100));
      float[][] z = LatentNoise.draw(new SplittableRandom(SEED), 4, DcganGenerator.LATENT_SIZE);
      NDArray input = manager.create(z);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray x =
            generator
                .block()
                .forward(new ParameterStore(manager, false), new NDList(input), true)
                .head();
        assertThat(x.getShape()).isEqualTo(new Shape(4, 1, 28, 28));
        collector.backward(x.sum());
      }
      int trainable = 0;
      for (Pair<String, Parameter> entry : generator.block().getParameters()) {
        if (entry.getValue().requiresGradient()) {
          trainable++;
          NDArray gradient = entry.getValue().getArray().getGradient();
          assertThat(gradient.abs().sum().getFloat()).as(entry.getKey()).isPositive();
        }
      }
      // Linear weight and bias, 2 × (γ, β), transposed-conv weight and bias, head weight.
      assertThat(trainable).isEqualTo(9);
    }
  }

  @Test
  void shouldMoveRunningMeanByPyTorchsMomentumWhenRunInTrainingMode() {
    try (NDManager manager = NDManager.newBaseManager()) {
      DcganGenerator generator = new DcganGenerator(SEED);
      generator.block().initialize(manager, DataType.FLOAT32, new Shape(1, 100));
      NDArray input =
          manager.create(
              LatentNoise.draw(new SplittableRandom(SEED), 8, DcganGenerator.LATENT_SIZE));
      ParameterStore store = new ParameterStore(manager, false);
      Block linear = generator.body().getChildren().get(0).getValue();
      Block batchNorm = generator.body().getChildren().get(1).getValue();
      NDArray features = linear.forward(store, new NDList(input), false).head();
      batchNorm.forward(store, new NDList(features), true);
      NDArray runningMean = batchNorm.getParameters().get("runningMean").getArray();
      // PyTorch: running = (1 − 0.1)·running + 0.1·batch mean, from running = 0.
      NDArray expected = features.mean(new int[] {0}).mul(0.1f);
      assertThat(runningMean.sub(expected).abs().max().getFloat()).isLessThan(1e-6f);
      assertThat(expected.abs().max().getFloat()).isGreaterThan(1e-3f);
    }
  }

  @Test
  void shouldGiveEachSampleIndependentlyOfItsBatchWhenRunningInEvaluationMode() {
    try (NetworkGeneratorModel model =
        NetworkGeneratorModel.initialised(new DcganGenerator(SEED))) {
      float[][] z = LatentNoise.draw(new SplittableRandom(SEED), 3, DcganGenerator.LATENT_SIZE);
      float[] alone = model.sample(new float[][] {z[1]})[0];
      float[] inBatch = model.sample(z)[1];
      for (int i = 0; i < alone.length; i++) {
        assertThat(inBatch[i]).isCloseTo(alone[i], offset(1e-6f));
      }
    }
  }
}
