package org.flipad.core.generator.adversary;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.flipad.core.generator.layer.Layers;
import org.flipad.core.generator.layer.NetworkInitialisation;

/**
 * The DCGAN discriminator for 28×28×1 images, also LSGAN's and (without BatchNorm) the WGAN-GP
 * critic:
 *
 * <ol>
 *   <li>x [N, 1, 28, 28] in [−1, 1]
 *   <li>Conv2d 1 → w, k4 s2 p1, with bias → 14×14; LeakyReLU 0.2
 *   <li>Conv2d w → 2w, k4 s2 p1, with bias → 7×7; BatchNorm2d(2w) (not for the critic); LeakyReLU
 *       0.2
 *   <li>flatten; Linear 2w·7·7 → 1 → one unbounded score per image (a logit for DCGAN, a
 *       least-squares target for LSGAN, a Wasserstein critic value for WGAN-GP)
 * </ol>
 *
 * <p>The critic drops BatchNorm because the gradient penalty is defined per sample and BatchNorm
 * couples the samples of a batch (Gulrajani et al. 2017, section 4). The width w is a parameter
 * (the zoo's sizes are in {@code GanArchitecture}). Initialisation: {@link NetworkInitialisation}.
 */
public final class ConvDiscriminator {

  private static final float LEAK = 0.2f;

  private final SequentialBlock block;

  private ConvDiscriminator(int width, boolean batchNorm, long seed) {
    if (width < 1) {
      throw new IllegalArgumentException(
          "Discriminator width is " + width + "; expected at least 1 channel.");
    }
    SequentialBlock net =
        new SequentialBlock()
            .add(Layers.conv(width, 4, 2, 1, true))
            .add(Activation.leakyReluBlock(LEAK))
            .add(Layers.conv(2 * width, 4, 2, 1, true));
    if (batchNorm) {
      net.add(Layers.batchNorm());
    }
    this.block =
        net.add(Activation.leakyReluBlock(LEAK))
            .add(Layers.flatten())
            .add(Linear.builder().setUnits(1).build());
    NetworkInitialisation.seed(block, seed);
  }

  /** With BatchNorm after the second convolution: the DCGAN and LSGAN discriminator. */
  public static ConvDiscriminator withBatchNorm(int width, long seed) {
    return new ConvDiscriminator(width, true, seed);
  }

  /** Without BatchNorm: the WGAN-GP critic. */
  public static ConvDiscriminator critic(int width, long seed) {
    return new ConvDiscriminator(width, false, seed);
  }

  /** x [N, 1, 28, 28] → score [N, 1]. */
  public Block block() {
    return block;
  }
}
