package org.flipad.core.inversion;

import java.util.Optional;

/**
 * A transposed convolution final layer ({@code ConvTranspose2d}, dilation 1, no output padding):
 * weight [C_in, C_out, k, k] float32, output spatial size (n − 1)·s − 2p + k.
 *
 * <p>Output entry (o, y, x) = Σ_{c, i, j, u, v : y = i·s − p + u, x = j·s − p + v} a[c, i, j] ·
 * weight[c, o, u, v], plus bias[o]. Column (c, i, j) of W is therefore one k×k×C_out patch.
 *
 * @param inputShape penultimate activation C_in × H × W
 * @param outChannels C_out
 * @param geometry kernel, stride and padding
 * @param weight [C_in, C_out, k, k] float32, C order
 * @param biasOrNull [C_out] float32, or null when the layer has no bias
 */
public record ConvTransposeLayer(
    TensorShape inputShape,
    int outChannels,
    ConvGeometry geometry,
    float[] weight,
    float[] biasOrNull)
    implements FinalLayer {

  /** Validates the weight and bias sizes, finiteness and a non-empty output. */
  public ConvTransposeLayer {
    int k = geometry.kernel();
    LayerChecks.requireWeight(
        "Transposed convolution", new int[] {inputShape.channels(), outChannels, k, k}, weight);
    LayerChecks.requireBias("Transposed convolution", biasOrNull, outChannels);
    LayerChecks.requirePositiveOutput(
        "Transposed convolution",
        inputShape,
        geometry.transposedOutput(inputShape.height()),
        geometry.transposedOutput(inputShape.width()));
  }

  @Override
  public FinalLayerKind kind() {
    return FinalLayerKind.CONV_TRANSPOSE;
  }

  @Override
  public TensorShape outputShape() {
    return new TensorShape(
        outChannels,
        geometry.transposedOutput(inputShape.height()),
        geometry.transposedOutput(inputShape.width()));
  }

  @Override
  public int[] weightShape() {
    int k = geometry.kernel();
    return new int[] {inputShape.channels(), outChannels, k, k};
  }

  @Override
  public Optional<float[]> bias() {
    return Optional.ofNullable(biasOrNull);
  }

  /** Visits the non-zero entries of column (c, i, j): output index and weight. */
  void visitColumn(int c, int i, int j, ColumnVisitor visitor) {
    TensorShape out = outputShape();
    int k = geometry.kernel();
    int s = geometry.stride();
    int p = geometry.padding();
    for (int o = 0; o < outChannels; o++) {
      int base = (c * outChannels + o) * k * k;
      for (int u = 0; u < k; u++) {
        int y = i * s - p + u;
        if (y < 0 || y >= out.height()) {
          continue;
        }
        for (int v = 0; v < k; v++) {
          int x = j * s - p + v;
          if (x >= 0 && x < out.width()) {
            visitor.entry(out.index(o, y, x), weight[base + u * k + v]);
          }
        }
      }
    }
  }
}
