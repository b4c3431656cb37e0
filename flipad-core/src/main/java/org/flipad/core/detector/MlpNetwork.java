package org.flipad.core.detector;

import ai.djl.nn.SequentialBlock;
import org.flipad.core.feature.FeatureShape;
import org.flipad.core.generator.layer.Layers;

/**
 * DeepSAD's fully connected φ for vector features (any C×H×W is flattened to d = C·H·W):
 *
 * <ol>
 *   <li>x [N, C, H, W] float32, flattened to [N, d]
 *   <li>Linear d → 128, no bias; BatchNorm (no affine, eps 1e-4); LeakyReLU 0.01
 *   <li>Linear 128 → 64, no bias; BatchNorm; LeakyReLU
 *   <li>Linear 64 → 32, no bias → φ(x) [N, 32]
 * </ol>
 *
 * <p>Deviation from the paper's tabular network (MLP 512-1024-512-256-128 → 32, FLIPAD.md section
 * 4): two hidden layers of 128 and 64 units, so that training stays within a minute or two on two
 * CPU cores. Weights: {@link KaimingUniformInitializer}.
 */
public final class MlpNetwork {

  /** Dimension of φ(x). */
  public static final int REPRESENTATION_SIZE = 32;

  private MlpNetwork() {}

  /** The network for {@code input}, with seeded initialisers attached (drawn on initialisation). */
  public static DeepSadNetwork create(FeatureShape input, long seed) {
    SequentialBlock block =
        new SequentialBlock()
            .add(Layers.flatten())
            .add(DeepSadLayers.linear(128))
            .add(DeepSadLayers.batchNorm())
            .add(DeepSadLayers.leakyRelu())
            .add(DeepSadLayers.linear(64))
            .add(DeepSadLayers.batchNorm())
            .add(DeepSadLayers.leakyRelu())
            .add(DeepSadLayers.linear(REPRESENTATION_SIZE));
    DeepSadLayers.seed(block, seed);
    return new DeepSadNetwork(DeepSadArchitecture.MLP, input, block, REPRESENTATION_SIZE);
  }
}
