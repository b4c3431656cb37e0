package org.flipad.core.generator.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** The building blocks the zoo's networks share, with PyTorch's defaults where DJL's differ. */
public final class Layers {

  /** DJL's BatchNorm momentum is 1 − PyTorch's; PyTorch's default is 0.1. */
  public static final float BATCH_NORM_MOMENTUM = 0.9f;

  public static final float BATCH_NORM_EPSILON = 1e-5f;

  private Layers() {}

  /** BatchNorm over axis 1 with PyTorch's defaults (momentum 0.1, eps 1e-5, affine). */
  public static BatchNorm batchNorm() {
    return BatchNorm.builder()
        .optMomentum(BATCH_NORM_MOMENTUM)
        .optEpsilon(BATCH_NORM_EPSILON)
        .build();
  }

  /** [N, C·H·W] → [N, C, H, W]. */
  public static Block toFeatureMap(int channels, int size) {
    return LambdaBlock.singleton(
        features -> features.reshape(new Shape(-1, channels, size, size)),
        "reshape-" + channels + "x" + size + "x" + size);
  }

  /** [N, …] → [N, product of the rest]. */
  public static Block flatten() {
    return LambdaBlock.singleton(x -> x.reshape(x.getShape().get(0), -1), "flatten");
  }

  /** Nearest-neighbour upsampling by 2 in H and W ({@code nn.Upsample(scale_factor=2)}). */
  public static Block upsampleNearest2x() {
    return LambdaBlock.singleton(Layers::repeatEachPixel, "upsample-nearest-2x");
  }

  private static NDArray repeatEachPixel(NDArray x) {
    return x.repeat(2, 2).repeat(3, 2);
  }

  /** Conv2d k×k, stride s, padding p, with or without bias. */
  public static Conv2d conv(int filters, int kernel, int stride, int padding, boolean bias) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(padding, padding))
        .optBias(bias)
        .build();
  }
}
