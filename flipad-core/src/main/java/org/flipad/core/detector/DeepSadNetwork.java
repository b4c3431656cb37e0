package org.flipad.core.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.flipad.core.feature.FeatureShape;

/**
 * One DeepSAD network φ: features [N, C, H, W] float32 → representations [N, representationSize]
 * float32. The block's parameters live in whatever manager initialised it ({@link DeepSadModel}).
 *
 * @param architecture which network this is
 * @param input the C×H×W of one feature sample
 * @param block the layers, bias-free, BatchNorm without affine parameters
 * @param representationSize the dimension of φ(x)
 */
public record DeepSadNetwork(
    DeepSadArchitecture architecture, FeatureShape input, Block block, int representationSize) {

  /** The input shape of a batch of n samples: [n, C, H, W]. */
  Shape batchShape(long n) {
    return new Shape(n, input.channels(), input.height(), input.width());
  }

  /**
   * φ(x) for a batch; BatchNorm uses batch statistics (and updates its running ones) when {@code
   * training}, else the running statistics.
   *
   * @param scope the manager that owns the intermediate arrays
   * @param x [N, C, H, W] float32
   * @return [N, representationSize] float32
   */
  NDArray represent(NDManager scope, NDArray x, boolean training) {
    return block
        .forward(new ParameterStore(scope, false), new NDList(x), training)
        .singletonOrThrow();
  }
}
