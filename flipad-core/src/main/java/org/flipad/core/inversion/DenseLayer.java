package org.flipad.core.inversion;

import java.util.Optional;

/**
 * A dense final layer ({@code Linear}): weight [d_out, d_in] float32; output = weight·a + bias.
 *
 * @param inputs d_in
 * @param outputs d_out
 * @param weight [d_out, d_in] float32, C order
 * @param biasOrNull [d_out] float32, or null when the layer has no bias
 */
public record DenseLayer(int inputs, int outputs, float[] weight, float[] biasOrNull)
    implements FinalLayer {

  /** Validates the weight and bias sizes and finiteness. */
  public DenseLayer {
    if (inputs <= 0 || outputs <= 0) {
      throw new IllegalArgumentException(
          "Dense layer needs positive sizes, got d_in=" + inputs + ", d_out=" + outputs + ".");
    }
    LayerChecks.requireLength(
        "Dense weight", weight, inputs * outputs, "[" + outputs + ", " + inputs + "]");
    LayerChecks.requireFinite("Dense weight", weight);
    if (biasOrNull != null) {
      LayerChecks.requireLength("Dense bias", biasOrNull, outputs, "[" + outputs + "]");
      LayerChecks.requireFinite("Dense bias", biasOrNull);
    }
  }

  @Override
  public FinalLayerKind kind() {
    return FinalLayerKind.DENSE;
  }

  @Override
  public TensorShape inputShape() {
    return TensorShape.vector(inputs);
  }

  @Override
  public TensorShape outputShape() {
    return TensorShape.vector(outputs);
  }

  @Override
  public int[] weightShape() {
    return new int[] {outputs, inputs};
  }

  @Override
  public Optional<float[]> bias() {
    return Optional.ofNullable(biasOrNull);
  }

  /** Visits column j: every output unit with weight[o, j]. */
  void visitColumn(int j, ColumnVisitor visitor) {
    for (int o = 0; o < outputs; o++) {
      visitor.entry(o, weight[o * inputs + j]);
    }
  }
}
