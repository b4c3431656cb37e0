package org.flipad.core.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.ConvLayer;
import org.flipad.core.inversion.ConvTransposeLayer;
import org.flipad.core.inversion.DenseLayer;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.FinalLayerKind;
import org.flipad.core.inversion.TensorShape;

/**
 * Reads and writes final-layer description files: a JSON file naming the layer's kind, geometry and
 * output activation, beside float32 {@code .npy} files holding its weight and bias.
 *
 * <pre>{@code
 * {"format":"flipad-final-layer","version":1,"kind":"CONV_TRANSPOSE","inputShape":[64,14,14],
 *  "outChannels":1,"kernel":4,"stride":2,"padding":1,"activation":"TANH",
 *  "weight":"weight.npy","bias":null}
 * }</pre>
 *
 * <p>Weight shapes, float32, C order: [C_in, C_out, k, k] for CONV_TRANSPOSE, [C_out, C_in, k, k]
 * for CONV, [d_out, d_in] for DENSE; the bias is [C_out] (or [d_out]). For DENSE, {@code
 * inputShape} is [d_in] or omitted (then d_in comes from the weight) and {@code outChannels} is
 * d_out. Weight and bias paths are resolved against the JSON file's directory.
 *
 * <p>Every refusal names the file, the value found and what was expected. Stateless.
 */
public final class FinalLayerFiles {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FinalLayerFiles() {}

  /**
   * Reads a layer description and its weights.
   *
   * @param json the description file
   * @return the layer (float32 weights) and its output activation
   * @throws IOException when a file is missing, unreadable, or not valid JSON / .npy
   * @throws IllegalArgumentException when the description or the weights are inconsistent (unknown
   *     kind, wrong shape, non-finite weights)
   */
  public static FinalLayerFile read(Path json) throws IOException {
    FinalLayerDescription d = parse(json);
    String source = "Layer description " + json;
    require(
        FinalLayerDescription.FORMAT.equals(d.format()),
        source,
        "has \"format\": " + quoted(d.format()),
        quoted(FinalLayerDescription.FORMAT));
    require(
        Integer.valueOf(FinalLayerDescription.VERSION).equals(d.version()),
        source,
        "has \"version\": " + d.version(),
        "version " + FinalLayerDescription.VERSION + " (the only one this build reads)");
    FinalLayerKind kind = d.parsedKind(source);
    FinalLayer layer = layerOf(d, kind, json, source);
    return new FinalLayerFile(layer, d.parsedActivation(source));
  }

  /**
   * Writes a layer description and its weights: {@code json}, and beside it {@code
   * <stem>.weight.npy} and (when the layer has a bias) {@code <stem>.bias.npy}, replacing them.
   *
   * @param file the layer and activation to store
   * @param json the description file to write, e.g. {@code generator/final-layer.json}
   * @throws IOException when a file cannot be written
   */
  public static void write(FinalLayerFile file, Path json) throws IOException {
    FinalLayer layer = file.layer();
    String stem = stem(json);
    String weightName = stem + ".weight.npy";
    writeNpy(sibling(json, weightName), layer.weightShape(), layer.weight());
    String biasName = null;
    if (layer.bias().isPresent()) {
      biasName = stem + ".bias.npy";
      float[] bias = layer.bias().get();
      writeNpy(sibling(json, biasName), new int[] {bias.length}, bias);
    }
    JSON.writeValue(json.toFile(), FinalLayerDescription.of(file, weightName, biasName));
  }

  private static FinalLayerDescription parse(Path json) throws IOException {
    if (!Files.isRegularFile(json)) {
      throw new FileNotFoundException(
          "Layer description "
              + json
              + " does not exist or is not a file. Pass the JSON file written by"
              + " FinalLayerFiles (or flipad's generator export).");
    }
    try {
      return JSON.readValue(json.toFile(), FinalLayerDescription.class);
    } catch (JacksonException e) {
      throw new IOException(
          "Layer description "
              + json
              + " is not a valid flipad-final-layer JSON file: "
              + e.getOriginalMessage()
              + ". Fix the file or write it again with FinalLayerFiles.",
          e);
    }
  }

  private static FinalLayer layerOf(
      FinalLayerDescription d, FinalLayerKind kind, Path json, String source) throws IOException {
    require(d.outChannels() != null, source, "has no \"outChannels\"", "a positive integer");
    require(d.weight() != null, source, "has no \"weight\"", "the weight .npy file name");
    Weights weight = Weights.load(json, d.weight(), "weight");
    Weights bias = d.bias() == null ? null : Weights.load(json, d.bias(), "bias");
    if (bias != null) {
      bias.requireShape(json, new int[] {d.outChannels()}, "[C_out]");
    }
    float[] biasValues = bias == null ? null : bias.values();
    try {
      return kind == FinalLayerKind.DENSE
          ? dense(d, weight, biasValues, json)
          : convolution(d, kind, weight, biasValues, json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static FinalLayer convolution(
      FinalLayerDescription d, FinalLayerKind kind, Weights weight, float[] bias, Path json) {
    String source = "Layer description " + json;
    int[] in = d.inputShape();
    require(
        in != null && in.length == 3, source, "has \"inputShape\": " + shape(in), "[C_in, H, W]");
    require(
        d.kernel() != null && d.stride() != null && d.padding() != null,
        source,
        "lacks \"kernel\", \"stride\" or \"padding\"",
        "all three for a " + kind + " layer");
    TensorShape inputShape = new TensorShape(in[0], in[1], in[2]);
    ConvGeometry g = new ConvGeometry(d.kernel(), d.stride(), d.padding());
    int c = d.outChannels();
    int k = g.kernel();
    boolean transposed = kind == FinalLayerKind.CONV_TRANSPOSE;
    int[] expected = transposed ? new int[] {in[0], c, k, k} : new int[] {c, in[0], k, k};
    weight.requireShape(json, expected, transposed ? "[C_in, C_out, k, k]" : "[C_out, C_in, k, k]");
    return transposed
        ? new ConvTransposeLayer(inputShape, c, g, weight.values(), bias)
        : new ConvLayer(inputShape, c, g, weight.values(), bias);
  }

  private static FinalLayer dense(
      FinalLayerDescription d, Weights weight, float[] bias, Path json) {
    String source = "Layer description " + json;
    int[] in = d.inputShape();
    require(
        in == null || in.length == 1, source, "has \"inputShape\": " + shape(in), "[d_in] or none");
    int[] actual = weight.shape();
    int inputs = in != null ? in[0] : actual.length == 2 ? actual[1] : -1;
    weight.requireShape(json, new int[] {d.outChannels(), inputs}, "[d_out, d_in]");
    return new DenseLayer(inputs, d.outChannels(), weight.values(), bias);
  }

  private static void writeNpy(Path path, int[] shape, float[] values) throws IOException {
    long[] longShape = Arrays.stream(shape).asLongStream().toArray();
    try (NpyWriter writer = NpyWriter.open(path, NpyDType.FLOAT32, longShape)) {
      int rowSize = writer.rowSize();
      for (int r = 0; r < shape[0]; r++) {
        writer.write(Arrays.copyOfRange(values, r * rowSize, (r + 1) * rowSize));
      }
    }
  }

  static Path sibling(Path json, String name) {
    Path dir = json.toAbsolutePath().getParent();
    return dir.resolve(name);
  }

  private static String stem(Path json) {
    String name = json.getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
  }

  static void require(boolean ok, String source, String problem, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(
          source + " " + problem + "; expected " + expected + ". Fix the layer description.");
    }
  }

  static String shape(int[] shape) {
    return shape == null ? "none" : Arrays.toString(shape);
  }

  private static String quoted(String value) {
    return value == null ? "none" : "\"" + value + "\"";
  }
}
