package org.flipad.core.generator.layer;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.SplittableRandom;

/**
 * DCGAN's {@code weights_init} for every network in the zoo: linear and convolution weights N(0,
 * 0.02²), BatchNorm γ N(1, 0.02²), biases and β zero, running mean 0 and variance 1.
 *
 * <p>Every drawn parameter gets its own stream split, in the block's parameter order, from a {@link
 * SplittableRandom} of the seed, so weights are bit-for-bit the same for a seed on any thread and
 * independent of the engine's global generator ({@code Engine.setRandomSeed} is not used). They are
 * not PyTorch's draws for the seed.
 */
public final class NetworkInitialisation {
  private static final double SIGMA = 0.02;

  private NetworkInitialisation() {}

  /** Attaches seeded initialisers; parameters are drawn when the block is initialised. */
  public static void seed(Block block, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    for (Parameter parameter : block.getParameters().values()) {
      if (parameter.getType() == Parameter.Type.WEIGHT) {
        parameter.setInitializer(new SeededNormalInitializer(root.split(), 0, SIGMA));
      } else if (parameter.getType() == Parameter.Type.GAMMA) {
        parameter.setInitializer(new SeededNormalInitializer(root.split(), 1, SIGMA));
      }
    }
  }
}
