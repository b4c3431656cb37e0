package org.flipad.core.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.ConvLayer;
import org.flipad.core.inversion.ConvTransposeLayer;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.FinalLayerKind;
import org.flipad.core.inversion.OutputActivation;

/**
 * The JSON body of a final-layer description file, version 1, field for field.
 *
 * <p>Kinds and activations are kept as strings so that an unknown value is refused with a message
 * listing the known ones, rather than Jackson's generic one.
 *
 * @param format always {@value #FORMAT}
 * @param version always {@value #VERSION}
 * @param kind CONV_TRANSPOSE, CONV or DENSE
 * @param inputShape [C_in, H, W] for convolutions; [d_in] or null for DENSE
 * @param outChannels C_out, or d_out for DENSE
 * @param kernel square kernel size k (convolutions only)
 * @param stride stride s (convolutions only)
 * @param padding symmetric zero padding p (convolutions only)
 * @param activation TANH, SIGMOID, IDENTITY or RELU
 * @param weight the weight .npy file, relative to the JSON file
 * @param bias the bias .npy file, relative to the JSON file, or null
 */
@JsonPropertyOrder({
  "format",
  "version",
  "kind",
  "inputShape",
  "outChannels",
  "kernel",
  "stride",
  "padding",
  "activation",
  "weight",
  "bias"
})
record FinalLayerDescription(
    String format,
    Integer version,
    String kind,
    @JsonInclude(JsonInclude.Include.NON_NULL) int[] inputShape,
    Integer outChannels,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer kernel,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer stride,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer padding,
    String activation,
    String weight,
    String bias) {

  static final String FORMAT = "flipad-final-layer";
  static final int VERSION = 1;

  /** The description of {@code file} whose weights are stored under the given names. */
  static FinalLayerDescription of(FinalLayerFile file, String weight, String biasOrNull) {
    FinalLayer layer = file.layer();
    ConvGeometry g = geometryOf(layer);
    boolean dense = g == null;
    return new FinalLayerDescription(
        FORMAT,
        VERSION,
        layer.kind().name(),
        dense ? new int[] {layer.inputShape().size()} : layer.inputShape().toArray(),
        layer.outputShape().channels(),
        dense ? null : g.kernel(),
        dense ? null : g.stride(),
        dense ? null : g.padding(),
        file.activation().name(),
        weight,
        biasOrNull);
  }

  /** The geometry of a convolution layer, or null for a dense layer. */
  static ConvGeometry geometryOf(FinalLayer layer) {
    if (layer instanceof ConvTransposeLayer t) {
      return t.geometry();
    }
    if (layer instanceof ConvLayer c) {
      return c.geometry();
    }
    return null;
  }

  /** The layer kind, refusing unknown names with the list of known ones. */
  FinalLayerKind parsedKind(String source) {
    return parseEnum(FinalLayerKind.class, kind, "kind", source);
  }

  /** The activation, refusing unknown names with the list of known ones. */
  OutputActivation parsedActivation(String source) {
    return parseEnum(OutputActivation.class, activation, "activation", source);
  }

  private static <E extends Enum<E>> E parseEnum(
      Class<E> type, String value, String field, String source) {
    FinalLayerFiles.require(value != null, source, "has no \"" + field + "\"", known(type));
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source
              + " has \""
              + field
              + "\": \""
              + value
              + "\", which is unknown; expected one of "
              + known(type)
              + ". Fix the layer description.",
          e);
    }
  }

  private static <E extends Enum<E>> String known(Class<E> type) {
    return java.util.Arrays.toString(type.getEnumConstants());
  }
}
