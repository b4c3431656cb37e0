package org.flipad.core.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A final layer's operator W and its adjoint Wᵀ on batched DJL tensors, in float32 or float64, on
 * the manager's device. Batches are [N, C, H, W]; dense layers use [N, d, 1, 1].
 *
 * <p>Transposed convolution: forward by {@link PolyphaseTransposedConvolution}, adjoint by conv2d
 * with the same weight, stride and padding. Convolution: forward by conv2d, adjoint by the
 * polyphase transposed convolution back to the input size. Dense: δ·Wᵀ and u·W.
 */
final class TensorOperator implements AutoCloseable {

  private final FinalLayer layer;
  private final NDArray weight;
  private final PolyphaseTransposedConvolution transposed;

  private TensorOperator(
      FinalLayer layer, NDArray weight, PolyphaseTransposedConvolution transposed) {
    this.layer = layer;
    this.weight = weight;
    this.transposed = transposed;
  }

  /** Builds the operator of {@code layer}; its tensors belong to {@code manager}. */
  static TensorOperator of(FinalLayer layer, NDManager manager, DataType dataType) {
    int[] ws = layer.weightShape();
    long[] shape = new long[ws.length];
    for (int i = 0; i < ws.length; i++) {
      shape[i] = ws[i];
    }
    NDArray weight = manager.create(layer.weight(), new Shape(shape)).toType(dataType, false);
    PolyphaseTransposedConvolution transposed = null;
    if (layer instanceof ConvTransposeLayer t) {
      TensorShape out = t.outputShape();
      transposed =
          new PolyphaseTransposedConvolution(
              manager,
              t.weight(),
              ws,
              t.geometry(),
              new int[] {out.height(), out.width()},
              dataType);
    } else if (layer instanceof ConvLayer c) {
      TensorShape in = c.inputShape();
      // The adjoint is a transposed convolution from C_out to C_in; the conv weight
      // [C_out, C_in, k, k] is exactly that transposed convolution's [C_in', C_out', k, k].
      transposed =
          new PolyphaseTransposedConvolution(
              manager, c.weight(), ws, c.geometry(), new int[] {in.height(), in.width()}, dataType);
    }
    return new TensorOperator(layer, weight, transposed);
  }

  /** The element type the operator works in. */
  DataType dataType() {
    return weight.getDataType();
  }

  /**
   * W·δ (no bias).
   *
   * @param delta [N, C_in, H, W]
   * @return [N, C_out, H_out, W_out]
   */
  NDArray forward(NDArray delta) {
    if (layer instanceof ConvTransposeLayer) {
      return transposed.apply(delta);
    }
    if (layer instanceof ConvLayer c) {
      return conv(delta, c.geometry());
    }
    long n = delta.getShape().get(0);
    return delta
        .reshape(n, layer.inputShape().size())
        .matMul(weight.transpose())
        .reshape(n, layer.outputShape().size(), 1, 1);
  }

  /**
   * Wᵀ·u.
   *
   * @param u [N, C_out, H_out, W_out]
   * @return [N, C_in, H, W]
   */
  NDArray adjoint(NDArray u) {
    if (layer instanceof ConvTransposeLayer t) {
      return conv(u, t.geometry());
    }
    if (layer instanceof ConvLayer) {
      return transposed.apply(u);
    }
    long n = u.getShape().get(0);
    return u.reshape(n, layer.outputShape().size())
        .matMul(weight)
        .reshape(n, layer.inputShape().size(), 1, 1);
  }

  private NDArray conv(NDArray input, ConvGeometry geometry) {
    int s = geometry.stride();
    int p = geometry.padding();
    return Conv2d.conv2d(input, weight, null, new Shape(s, s), new Shape(p, p), new Shape(1, 1), 1)
        .singletonOrThrow();
  }

  @Override
  public void close() {
    weight.close();
    if (transposed != null) {
      transposed.close();
    }
  }
}
