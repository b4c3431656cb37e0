package org.flipad.core.generator.imported;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.flipad.core.generator.GeneratorShape;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.TensorShape;

/**
 * The JSON body of {@code torchscript-generator.json}, version 1, field for field (see {@link
 * TorchScriptGenerator} for an example). Unknown fields are refused.
 *
 * @param format always {@value #FORMAT}
 * @param version always {@value #VERSION}
 * @param latentSize length of z
 * @param penultimateShape per-sample shape of g(z): [C, H, W], or [d] for a dense final layer
 * @param imageShape per-sample image shape [C, H, W], C = 1 or 3
 * @param activation {@code tanh}, {@code sigmoid} or {@code identity}
 * @param finalLayer the final layer's kind, geometry and parameter names
 */
record TorchScriptManifest(
    String format,
    Integer version,
    Integer latentSize,
    int[] penultimateShape,
    int[] imageShape,
    String activation,
    FinalLayerEntry finalLayer) {

  static final String FORMAT = "flipad-torchscript-generator";
  static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads and checks the format, version and presence of every field.
   *
   * @throws IOException when the file is missing or not valid manifest JSON
   * @throws IllegalArgumentException when a field is missing or has a wrong value
   */
  static TorchScriptManifest read(Path json) throws IOException {
    if (!Files.isRegularFile(json)) {
      throw new FileNotFoundException(
          "Generator manifest "
              + json
              + " does not exist or is not a file. An imported generator folder needs "
              + TorchScriptGenerator.MANIFEST
              + " beside generator.pt and penultimate.pt (see tools/torchscript-fixture).");
    }
    TorchScriptManifest m;
    try {
      m = JSON.readValue(json.toFile(), TorchScriptManifest.class);
    } catch (JacksonException e) {
      throw new IOException(
          "Generator manifest "
              + json
              + " is not a valid "
              + FORMAT
              + " JSON file: "
              + e.getOriginalMessage()
              + ". Fix the file.",
          e);
    }
    m.requireHeader("Generator manifest " + json);
    return m;
  }

  private void requireHeader(String source) {
    require(FORMAT.equals(format), source, "has \"format\": " + format, "\"" + FORMAT + "\"");
    require(
        Integer.valueOf(VERSION).equals(version),
        source,
        "has \"version\": " + version,
        VERSION + " (the only version this build reads)");
    require(latentSize != null, source, "has no \"latentSize\"", "a positive integer");
    require(finalLayer != null, source, "has no \"finalLayer\"", "an object");
    require(
        finalLayer.weight() != null,
        source,
        "has no \"finalLayer.weight\"",
        "the weight's parameter name in generator.pt, e.g. \"final.weight\"");
  }

  /** The latent, penultimate and image shapes. */
  GeneratorShape shape(String source) {
    require(
        penultimateShape != null && (penultimateShape.length == 3 || penultimateShape.length == 1),
        source,
        "has \"penultimateShape\": " + Arrays.toString(penultimateShape),
        "[C, H, W], or [d] for a dense final layer");
    require(
        imageShape != null && imageShape.length == 3,
        source,
        "has \"imageShape\": " + Arrays.toString(imageShape),
        "[C, H, W]");
    try {
      return new GeneratorShape(latentSize, tensorShape(penultimateShape), tensorShape(imageShape));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage() + " Fix the manifest.", e);
    }
  }

  /** The output activation; ReLU and unknown names are refused. */
  OutputActivation parsedActivation(String source) {
    String known = "[tanh, sigmoid, identity]";
    require(activation != null, source, "has no \"activation\"", known);
    OutputActivation parsed;
    try {
      parsed = OutputActivation.valueOf(activation.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      parsed = OutputActivation.RELU;
    }
    require(
        parsed != OutputActivation.RELU,
        source,
        "has \"activation\": \"" + activation + "\"",
        "one of " + known + " (FLIPAD must invert it)");
    return parsed;
  }

  private static TensorShape tensorShape(int[] dims) {
    return dims.length == 1
        ? TensorShape.vector(dims[0])
        : new TensorShape(dims[0], dims[1], dims[2]);
  }

  static void require(boolean ok, String source, String problem, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(
          source + " " + problem + "; expected " + expected + ". Fix the manifest.");
    }
  }
}
