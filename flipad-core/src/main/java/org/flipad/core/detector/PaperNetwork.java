package org.flipad.core.detector;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import org.flipad.core.feature.FeatureShape;
import org.flipad.core.generator.layer.Layers;

/**
 * The paper's DeepSAD network for FLIPAD feature maps (FLIPAD.md section 4), adapted to maps of any
 * side ≥ 8:
 *
 * <ol>
 *   <li>x [N, C, H, W] float32
 *   <li>Conv2d C → 128, k5 s1 p2, no bias; BatchNorm (no affine, eps 1e-4); LeakyReLU 0.01; MaxPool
 *       2×2
 *   <li>Conv2d 128 → 256, k5 s1 p2; BatchNorm; LeakyReLU; MaxPool 2×2
 *   <li>Conv2d 256 → 128, k5 s1 p2; BatchNorm; LeakyReLU; MaxPool 2×2
 *   <li>flatten; Linear 128·H'·W' → 128, no bias → φ(x) [N, 128]
 * </ol>
 *
 * <p>On the reference's 64×32×32 maps this is exactly the paper's network (Linear 2048 → 128); on
 * the zoo's 64×14×14 maps the poolings give 7×7, 3×3 and 1×1, so the Linear is 128 → 128. About 88
 * M multiply-adds per 64×14×14 sample, some 30 times {@link LeNetNetwork}'s.
 */
public final class PaperNetwork {

  /** Dimension of φ(x), the paper's. */
  public static final int REPRESENTATION_SIZE = 128;

  private PaperNetwork() {}

  /**
   * The network for {@code input}, with seeded initialisers attached.
   *
   * @throws IllegalArgumentException when H or W is below 8 (three 2×2 max-pools need 8)
   */
  public static DeepSadNetwork create(FeatureShape input, long seed) {
    if (input.height() < 8 || input.width() < 8) {
      throw new IllegalArgumentException(
          "The paper's DeepSAD network needs feature maps of at least 8×8 (three 2×2 max-pools);"
              + " got "
              + input
              + ". Use the lenet or mlp network.");
    }
    SequentialBlock block = new SequentialBlock();
    for (int filters : new int[] {128, 256, 128}) {
      block
          .add(Layers.conv(filters, 5, 1, 2, false))
          .add(DeepSadLayers.batchNorm())
          .add(DeepSadLayers.leakyRelu())
          .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
    block.add(Layers.flatten()).add(DeepSadLayers.linear(REPRESENTATION_SIZE));
    DeepSadLayers.seed(block, seed);
    return new DeepSadNetwork(DeepSadArchitecture.PAPER, input, block, REPRESENTATION_SIZE);
  }
}
