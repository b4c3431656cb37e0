package org.flipad.core.inversion;

import java.util.Optional;

/**
 * A convolution final layer ({@code Conv2d}, dilation 1, groups 1): weight [C_out, C_in, k, k]
 * float32, output spatial size ⌊(n + 2p − k)/s⌋ + 1.
 *
 * <p>Output entry (o, y, x) = Σ_{c, u, v} a[c, y·s − p + u, x·s − p + v] · weight[o, c, u, v], plus
 * bias[o]. Column (c, i, j) of W touches the outputs whose receptive field holds (i, j).
 *
 * @param inputShape penultimate activation C_in × H × W
 * @param outChannels C_out
 * @param geometry kernel, stride and padding
 * @param weight [C_out, C_in, k, k] float32, C order
 * @param biasOrNull [C_out] float32, or null when the layer has no bias
 */
public record ConvLayer(
    TensorShape inputShape,
    int outChannels,
    ConvGeometry geometry,
    float[] weight,
    float[] biasOrNull)
    implements FinalLayer {

  /** Validates the weight and bias sizes, finiteness and a non-empty output. */
  public ConvLayer {
    int k = geometry.kernel();
    LayerChecks.requireWeight(
        "Convolution", new int[] {outChannels, inputShape.channels(), k, k}, weight);
    LayerChecks.requireBias("Convolution", biasOrNull, outChannels);
    LayerChecks.requirePositiveOutput(
        "Convolution",
        inputShape,
        geometry.convOutput(inputShape.height()),
        geometry.convOutput(inputShape.width()));
  }

  @Override
  public FinalLayerKind kind() {
    return FinalLayerKind.CONV;
  }

  @Override
  public TensorShape outputShape() {
    return new TensorShape(
        outChannels,
        geometry.convOutput(inputShape.height()),
        geometry.convOutput(inputShape.width()));
  }

  @Override
  public int[] weightShape() {
    int k = geometry.kernel();
    return new int[] {outChannels, inputShape.channels(), k, k};
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
    int inChannels = inputShape.channels();
    for (int o = 0; o < outChannels; o++) {
      int base = (o * inChannels + c) * k * k;
      for (int y = 0; y < out.height(); y++) {
        int u = i + p - y * s;
        if (u < 0 || u >= k) {
          continue;
        }
        for (int x = 0; x < out.width(); x++) {
          int v = j + p - x * s;
          if (v >= 0 && v < k) {
            visitor.entry(out.index(o, y, x), weight[base + u * k + v]);
          }
        }
      }
    }
  }
}
