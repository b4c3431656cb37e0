package org.flipad.core.generator.imported;

import java.util.Arrays;
import java.util.Locale;
import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.FinalLayerKind;

/**
 * The {@code "finalLayer"} object of a TorchScript generator manifest, field for field.
 *
 * @param kind {@code conv-transpose}, {@code conv} or {@code dense} (case and {@code -}/{@code _}
 *     ignored)
 * @param kernel square kernel size k (convolutions only)
 * @param stride stride s (convolutions only)
 * @param padding symmetric zero padding p (convolutions only)
 * @param weight the weight's parameter name in {@code generator.pt}, e.g. {@code final.weight}
 * @param bias the bias's parameter name, or null when the layer has no bias
 */
record FinalLayerEntry(
    String kind, Integer kernel, Integer stride, Integer padding, String weight, String bias) {

  private static final String KINDS = "[conv-transpose, conv, dense]";

  /** The layer kind, refusing unknown names with the list of known ones. */
  FinalLayerKind parsedKind(String source) {
    TorchScriptManifest.require(kind != null, source, "has no \"finalLayer.kind\"", KINDS);
    String normalised = kind.strip().replace('-', '_').toUpperCase(Locale.ROOT);
    try {
      return FinalLayerKind.valueOf(normalised);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source
              + " has \"finalLayer.kind\": \""
              + kind
              + "\", which is unknown; expected one of "
              + KINDS
              + ". Fix the manifest.",
          e);
    }
  }

  /** The convolution geometry; all three of kernel, stride and padding must be present. */
  ConvGeometry geometry(String source) {
    TorchScriptManifest.require(
        kernel != null && stride != null && padding != null,
        source,
        "lacks \"finalLayer.kernel\", \"stride\" or \"padding\" (got "
            + Arrays.asList(kernel, stride, padding)
            + ")",
        "all three for a " + kind + " layer");
    try {
      return new ConvGeometry(kernel, stride, padding);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }
}
