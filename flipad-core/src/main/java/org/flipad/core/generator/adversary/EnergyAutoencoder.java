package org.flipad.core.generator.adversary;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.flipad.core.generator.layer.Layers;
import org.flipad.core.generator.layer.NetworkInitialisation;
import org.flipad.core.generator.layer.TransposedConv2d;
import org.flipad.core.inversion.ConvGeometry;

/**
 * EBGAN's discriminator, an auto-encoder whose reconstruction error is the energy of an image:
 *
 * <ol>
 *   <li>x [N, 1, 28, 28] in [−1, 1]
 *   <li>{@link #encoder()}: Conv2d 1 → w, k4 s2 p1 → 14×14; LeakyReLU 0.2; Conv2d w → 2w, k4 s2 p1
 *       → 7×7; BatchNorm2d(2w); LeakyReLU 0.2 → code [N, 2w, 7, 7] (the pull-away term's embedding,
 *       flattened)
 *   <li>{@link #decoder()}: TransposedConv2d 2w → w, k4 s2 p1 → 14×14; BatchNorm2d(w); ReLU;
 *       TransposedConv2d w → 1, k4 s2 p1 → reconstruction [N, 1, 28, 28], unbounded
 * </ol>
 *
 * <p>The energy is the per-image mean squared reconstruction error. Convolutional like the
 * reference's EBGAN (PyTorch-GAN's {@code ebgan.py}, which downsamples by one strided convolution
 * and upsamples by nearest-neighbour + convolution); here both directions are strided so the
 * auto-encoder costs about as much as the DCGAN discriminator. Initialisation: {@link
 * NetworkInitialisation}.
 */
public final class EnergyAutoencoder {

  private static final float LEAK = 0.2f;
  private static final ConvGeometry UP = new ConvGeometry(4, 2, 1);

  private final SequentialBlock encoder;
  private final SequentialBlock decoder;
  private final SequentialBlock block;

  /**
   * @param width w, channels after the first convolution
   * @param seed initialisation seed
   */
  public EnergyAutoencoder(int width, long seed) {
    if (width < 1) {
      throw new IllegalArgumentException(
          "Auto-encoder width is " + width + "; expected at least 1 channel.");
    }
    this.encoder =
        new SequentialBlock()
            .add(Layers.conv(width, 4, 2, 1, true))
            .add(Activation.leakyReluBlock(LEAK))
            .add(Layers.conv(2 * width, 4, 2, 1, true))
            .add(Layers.batchNorm())
            .add(Activation.leakyReluBlock(LEAK));
    this.decoder =
        new SequentialBlock()
            .add(new TransposedConv2d(2 * width, width, UP, true))
            .add(Layers.batchNorm())
            .add(Activation.reluBlock())
            .add(new TransposedConv2d(width, 1, UP, true));
    this.block = new SequentialBlock().add(encoder).add(decoder);
    NetworkInitialisation.seed(block, seed);
  }

  /** x [N, 1, 28, 28] → code [N, 2w, 7, 7]. */
  public Block encoder() {
    return encoder;
  }

  /** code [N, 2w, 7, 7] → reconstruction [N, 1, 28, 28]. */
  public Block decoder() {
    return decoder;
  }

  /** Encoder then decoder, x → reconstruction; holds every parameter. */
  public Block block() {
    return block;
  }
}
