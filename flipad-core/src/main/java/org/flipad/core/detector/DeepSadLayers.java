package org.flipad.core.detector;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.SplittableRandom;
import org.flipad.core.generator.layer.Layers;

/**
 * The layers DeepSAD's networks share: everything bias-free, so that φ cannot map every input to c
 * by a constant output (hypersphere collapse, Ruff et al. 2018, section 3.1).
 */
final class DeepSadLayers {

  /** BatchNorm epsilon of the DeepSAD reference ({@code nn.BatchNorm2d(…, eps=1e-04)}). */
  static final float BATCH_NORM_EPSILON = 1e-4f;

  /** LeakyReLU slope (PyTorch's default 0.01). */
  static final float LEAK = 0.01f;

  private DeepSadLayers() {}

  /** BatchNorm over axis 1 without γ and β ({@code affine=False}), eps 1e-4, momentum 0.1. */
  static BatchNorm batchNorm() {
    return BatchNorm.builder()
        .optCenter(false)
        .optScale(false)
        .optEpsilon(BATCH_NORM_EPSILON)
        .optMomentum(Layers.BATCH_NORM_MOMENTUM)
        .build();
  }

  /** LeakyReLU with slope 0.01. */
  static Block leakyRelu() {
    return Activation.leakyReluBlock(LEAK);
  }

  /** Linear without bias. */
  static Linear linear(int units) {
    return Linear.builder().setUnits(units).optBias(false).build();
  }

  /**
   * Attaches {@link KaimingUniformInitializer}s to every weight, each with its own stream split in
   * the block's parameter order from a {@link SplittableRandom} of the seed. BatchNorm's fixed γ =
   * 1, β = 0 and running statistics keep DJL's initialisers.
   */
  static void seed(Block block, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    for (Parameter parameter : block.getParameters().values()) {
      if (parameter.getType() == Parameter.Type.WEIGHT) {
        parameter.setInitializer(new KaimingUniformInitializer(root.split()));
      }
    }
  }
}
