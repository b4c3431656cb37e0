package org.flipad.core.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * {@code generator.json}, the manifest of a generator bundle, version 1.
 *
 * @param format always {@value #FORMAT}
 * @param version always {@value #VERSION}
 * @param kind {@value #NETWORK} (weights of a network this build defines) or {@value #TORCHSCRIPT}
 * @param architecture the network id ({@code dcgan}, {@code lsgan}) or {@code torchscript}
 * @param latentSize length of z
 * @param penultimateShape [C, H, W] of g(z)
 * @param imageShape [C, H, W] of an image
 * @param colorMode GRAYSCALE or RGB
 * @param activation the output activation after the final layer (TANH, SIGMOID, IDENTITY)
 * @param pixelScaling how 8-bit pixels map to the model's range
 * @param finalLayer the final-layer description file (inversion engine format)
 * @param files every other file of the bundle → its sha256, checked on load
 * @param training how it was trained, or null for imports
 * @param provenance versions and machine
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GeneratorManifest(
    String format,
    int version,
    String kind,
    String architecture,
    int latentSize,
    int[] penultimateShape,
    int[] imageShape,
    String colorMode,
    String activation,
    String pixelScaling,
    String finalLayer,
    Map<String, String> files,
    TrainingRecord training,
    Provenance provenance) {

  public static final String FORMAT = "flipad-generator-bundle";
  public static final int VERSION = 1;
  public static final String NETWORK = "network";
  public static final String TORCHSCRIPT = "torchscript";

  /** The scaling every zoo model and the reference use. */
  public static final String UNIT_RANGE_SCALING =
      "x = 2k/255 - 1 for 8-bit k; back: k = clamp(round((x + 1) * 127.5), 0, 255), halves up";
}
