package org.flipad.core.generator.architecture;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.flipad.core.generator.GeneratorShape;
import org.flipad.core.generator.layer.Layers;
import org.flipad.core.generator.layer.NetworkInitialisation;
import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.ConvLayer;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.TensorShape;

/**
 * The LSGAN generator for 28×28×1 images: nearest-neighbour upsampling and 3×3 convolutions, as in
 * the LSGAN the FLIPAD reference uses (PyTorch-GAN's {@code lsgan.py}), so the zoo has a
 * <em>convolutional</em> final layer:
 *
 * <ol>
 *   <li>z [N, 100] float32, z ~ N(0, I)
 *   <li>Linear 100 → 128·7·7 (with bias), reshape → [N, 128, 7, 7]
 *   <li>BatchNorm2d(128)
 *   <li>Upsample ×2 nearest → 14×14; Conv2d 128 → 32, k3 s1 p1; BatchNorm2d(32); LeakyReLU 0.2
 *   <li>Upsample ×2 nearest → 28×28; Conv2d 32 → 64, k3 s1 p1; BatchNorm2d(64); LeakyReLU 0.2 →
 *       penultimate g(z) [N, 64, 28, 28] (may be negative) — end of {@link #body()}
 *   <li>Conv2d 64 → 1, k3 s1 p1, with bias — {@link #head()}, the final layer L(a) = W·a + b
 *   <li>tanh → x in [−1, 1]
 * </ol>
 *
 * <p>Deviations from the reference, both to fit training into minutes on two CPU cores: the first
 * upsampling convolution has 32 output channels instead of 128 (the reference's 128 → 128 → 64
 * costs about 4× more per image); BatchNorm eps is PyTorch's default 1e-5, not the reference's 0.8
 * (a positional-argument slip there: {@code BatchNorm2d(128, 0.8)} sets eps, not momentum). The
 * final layer, the thing FLIPAD inverts, is exactly the reference's: 3×3 convolution 64 → 1 with
 * bias, then tanh.
 *
 * <p>Initialisation: {@link NetworkInitialisation} (DCGAN's {@code weights_init}, seeded).
 */
public final class LsganGenerator implements GeneratorNetwork {

  /** Architecture id in bundles and on the command line. */
  public static final String ARCHITECTURE = "lsgan";

  /** Length of z. */
  public static final int LATENT_SIZE = 100;

  /** Shape of g(z), the head's input. */
  public static final TensorShape PENULTIMATE_SHAPE = new TensorShape(64, 28, 28);

  /** Shape of an image. */
  public static final TensorShape IMAGE_SHAPE = new TensorShape(1, 28, 28);

  /** The final convolution's geometry. */
  public static final ConvGeometry HEAD_GEOMETRY = new ConvGeometry(3, 1, 1);

  private static final int BASE_CHANNELS = 128;
  private static final int MIDDLE_CHANNELS = 32;
  private static final int BASE_SIZE = 7;
  private static final float LEAK = 0.2f;

  private final SequentialBlock body;
  private final Conv2d head;
  private final SequentialBlock block;

  /** Builds the blocks with seeded initialisers (drawn when the block is initialised). */
  public LsganGenerator(long seed) {
    this.body =
        new SequentialBlock()
            .add(Linear.builder().setUnits((long) BASE_CHANNELS * BASE_SIZE * BASE_SIZE).build())
            .add(Layers.toFeatureMap(BASE_CHANNELS, BASE_SIZE))
            .add(Layers.batchNorm())
            .add(Layers.upsampleNearest2x())
            .add(Layers.conv(MIDDLE_CHANNELS, 3, 1, 1, true))
            .add(Layers.batchNorm())
            .add(Activation.leakyReluBlock(LEAK))
            .add(Layers.upsampleNearest2x())
            .add(Layers.conv(PENULTIMATE_SHAPE.channels(), 3, 1, 1, true))
            .add(Layers.batchNorm())
            .add(Activation.leakyReluBlock(LEAK));
    this.head =
        Layers.conv(
            IMAGE_SHAPE.channels(),
            HEAD_GEOMETRY.kernel(),
            HEAD_GEOMETRY.stride(),
            HEAD_GEOMETRY.padding(),
            true);
    this.block = new SequentialBlock().add(body).add(head).add(Activation.tanhBlock());
    NetworkInitialisation.seed(block, seed);
  }

  @Override
  public String architecture() {
    return ARCHITECTURE;
  }

  @Override
  public GeneratorShape shape() {
    return new GeneratorShape(LATENT_SIZE, PENULTIMATE_SHAPE, IMAGE_SHAPE);
  }

  @Override
  public Block block() {
    return block;
  }

  @Override
  public Block body() {
    return body;
  }

  @Override
  public Conv2d head() {
    return head;
  }

  @Override
  public OutputActivation activation() {
    return OutputActivation.TANH;
  }

  /** The head's weight [1, 64, 3, 3] (Conv2d layout) and bias [1], copied unchanged. */
  @Override
  public ConvLayer finalLayer(NDArray weight, NDArray biasOrNull) {
    return new ConvLayer(
        PENULTIMATE_SHAPE,
        IMAGE_SHAPE.channels(),
        HEAD_GEOMETRY,
        weight.toFloatArray(),
        biasOrNull == null ? null : biasOrNull.toFloatArray());
  }
}
