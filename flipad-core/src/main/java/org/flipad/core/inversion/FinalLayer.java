package org.flipad.core.inversion;

import java.util.Optional;

/**
 * A generator's final linear layer {@code L(a) = W·a + b}, seen as a linear operator from the
 * penultimate activation (shape {@link #inputShape()}) to the pre-activation output (shape {@link
 * #outputShape()}).
 *
 * <p>Implementations are immutable records holding float32 weights exactly as the generator stores
 * them. {@link #columns()} gives the operator as sparse columns for the plain-Java solver and for
 * double-precision forward, adjoint and duality-gap computations; the DJL solver builds its own
 * tensor operator from the same weights.
 */
public sealed interface FinalLayer permits ConvTransposeLayer, ConvLayer, DenseLayer {

  /** Which kind of layer this is. */
  FinalLayerKind kind();

  /** Per-sample shape of the penultimate activation a. */
  TensorShape inputShape();

  /** Per-sample shape of the output W·a + b (before the output activation). */
  TensorShape outputShape();

  /** The weight tensor, float32, in the layout of {@link #kind()}, C order. */
  float[] weight();

  /** The weight tensor's shape, e.g. [C_in, C_out, k, k] for a transposed convolution. */
  int[] weightShape();

  /** The bias, one value per output channel (or per output unit for dense), if any. */
  Optional<float[]> bias();

  /**
   * Builds the operator W as sparse columns: column j holds the output entries that activation
   * entry j touches (one k×k×C_out patch for convolutions). Building costs one pass over the
   * weights; callers keep the result.
   */
  default SparseColumns columns() {
    return SparseColumns.of(this);
  }

  /**
   * Adds the bias to a pre-activation vector in place.
   *
   * @param out [outputShape().size()] values, modified
   */
  default void addBias(double[] out) {
    bias()
        .ifPresent(
            b -> {
              int perChannel = outputShape().size() / b.length;
              for (int i = 0; i < out.length; i++) {
                out[i] += b[i / perChannel];
              }
            });
  }

  /**
   * Computes W·a + b in double precision (builds the columns; for repeated use keep {@link
   * #columns()}).
   *
   * @param a [inputShape().size()]
   * @return [outputShape().size()]
   */
  default double[] apply(double[] a) {
    double[] out = new double[outputShape().size()];
    columns().multiply(a, out);
    addBias(out);
    return out;
  }
}
