package org.flipad.core.detector;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import org.flipad.core.feature.FeatureShape;
import org.flipad.core.generator.layer.Layers;

/**
 * DeepSAD's LeNet-style convolutional φ for C×H×W feature maps, H and W at least 4:
 *
 * <ol>
 *   <li>x [N, C, H, W] float32
 *   <li>Conv2d C → 32, k5 s1 p2, no bias → H×W; BatchNorm (no affine, eps 1e-4); LeakyReLU 0.01;
 *       MaxPool 2×2 → ⌊H/2⌋×⌊W/2⌋
 *   <li>Conv2d 32 → 64, k5 s1 p2, no bias; BatchNorm; LeakyReLU; MaxPool 2×2 → H'×W' with H' =
 *       ⌊⌊H/2⌋/2⌋, W' = ⌊⌊W/2⌋/2⌋
 *   <li>flatten; Linear 64·H'·W' → 32, no bias → φ(x) [N, 32]
 * </ol>
 *
 * <p>For FLIPAD's 64×14×14 (DCGAN penultimate, or LSGAN's 64×28×28 max-pooled) the Linear is 576 →
 * 32; for RawPAD's 1×28×28 images it is 3136 → 32. Deviation from the paper's 64×32×32 network
 * (three convolutions 64→128→256→128, rep dim 128; FLIPAD.md section 4): two convolutions of 32 and
 * 64 filters and rep dim 32, the reference's MNIST LeNet sizes, so that an epoch over 20 000
 * samples stays within a minute or two on two CPU cores. Weights: {@link
 * KaimingUniformInitializer}.
 */
public final class LeNetNetwork {

  /** Dimension of φ(x). */
  public static final int REPRESENTATION_SIZE = 32;

  private LeNetNetwork() {}

  /**
   * The network for {@code input}, with seeded initialisers attached (drawn on initialisation).
   *
   * @throws IllegalArgumentException when H or W is below 4 (two 2×2 poolings need 4)
   */
  public static DeepSadNetwork create(FeatureShape input, long seed) {
    if (input.height() < 4 || input.width() < 4) {
      throw new IllegalArgumentException(
          "The LeNet DeepSAD network needs feature maps of at least 4×4 (two 2×2 max-pools); got "
              + input
              + ". Use the MLP architecture for smaller features or vectors.");
    }
    SequentialBlock block =
        new SequentialBlock()
            .add(Layers.conv(32, 5, 1, 2, false))
            .add(DeepSadLayers.batchNorm())
            .add(DeepSadLayers.leakyRelu())
            .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
            .add(Layers.conv(64, 5, 1, 2, false))
            .add(DeepSadLayers.batchNorm())
            .add(DeepSadLayers.leakyRelu())
            .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
            .add(Layers.flatten())
            .add(DeepSadLayers.linear(REPRESENTATION_SIZE));
    DeepSadLayers.seed(block, seed);
    return new DeepSadNetwork(DeepSadArchitecture.LENET, input, block, REPRESENTATION_SIZE);
  }
}
