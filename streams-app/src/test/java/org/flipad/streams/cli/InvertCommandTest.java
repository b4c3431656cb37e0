package org.flipad.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.flipad.core.data.IdxReader;
import org.flipad.core.data.Image8;
import org.flipad.core.data.PngWriter;
import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.ConvTransposeLayer;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.TensorShape;
import org.flipad.core.io.FinalLayerFile;
import org.flipad.core.io.FinalLayerFiles;
import org.flipad.core.io.NpyArray;
import org.flipad.core.io.NpyDType;
import org.flipad.core.io.NpyReader;
import org.flipad.core.io.NpyWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvertCommandTest {
  private static final long SEED = 20240611;
  private static final TensorShape INPUT = new TensorShape(8, 7, 7);

  @TempDir Path dir;

  private final SplittableRandom random = new SplittableRandom(SEED);
  private Path layer;
  private ConvTransposeLayer convTranspose;
  private Path aBar;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeLayerAndMeanActivation() throws IOException {
    layer = writeLayer("layer.json", OutputActivation.TANH);
    aBar = dir.resolve("abar.npy");
    try (NpyWriter writer = NpyWriter.open(aBar, NpyDType.FLOAT32, new long[] {8, 7, 7})) {
      for (int c = 0; c < 8; c++) {
        writer.write(gaussian(49, 0.5, true));
      }
    }
  }

  @Test
  void shouldWriteFeaturesAndCertifiedSummaryWhenImagesArePngAndIdx() throws IOException {
    List<Path> images =
        List.of(png("a.png", 14, 14), png("b.png", 14, 14), idx("x-idx3-ubyte.gz", 3));
    Path features = dir.resolve("features.npy");
    Path summary = dir.resolve("summary.json");

    int code = run(args(features, summary, "--solver", "working-set", "--batch-size", "2", images));

    assertThat(code).as("stderr: %s", err).isZero();
    NpyArray array = NpyReader.readAll(features);
    assertThat(array.shape()).containsExactly(5, 8, 7, 7);
    assertThat(array.dtype()).isEqualTo(NpyDType.FLOAT32);
    JsonNode json = new ObjectMapper().readTree(summary.toFile());
    assertThat(json.get("solver").asText()).isNotBlank();
    assertThat(json.get("lambda").asDouble()).isEqualTo(5e-4);
    assertThat(json.get("images")).hasSize(5);
    for (JsonNode image : json.get("images")) {
      assertThat(image.get("certified").asBoolean()).as("seed %d, %s", SEED, image).isTrue();
      assertThat(image.get("relativeGap").asDouble()).isLessThanOrEqualTo(1e-6);
      assertThat(image.get("stopReason").asText()).isEqualTo("CERTIFIED");
    }
    assertThat(json.get("images").get(2).get("file").asText()).endsWith("x-idx3-ubyte.gz");
    assertThat(json.get("images").get(4).get("index").asInt()).isEqualTo(2);
    assertThat(json.get("images").get(0).get("index").isNull()).isTrue();
    assertThat(json.get("totals").get("images").asInt()).isEqualTo(5);
    assertThat(json.get("totals").get("certified").asInt()).isEqualTo(5);
    assertThat(json.get("totals").get("maxHeapBytes").asLong()).isPositive();
    assertThat(out.toString()).contains("Inverted 5 images").contains("certified 5/5");
    assertThat(err.toString()).contains("invert [").contains("images/s");
  }

  @Test
  void shouldInvertOnlyTheFirstImagesWhenLimitIsGiven() throws IOException {
    Path features = dir.resolve("features.npy");

    int code =
        run(args(features, null, "--limit", "2", List.of(idx("x.idx", 4), png("a.png", 14, 14))));

    assertThat(code).as("stderr: %s", err).isZero();
    assertThat(NpyReader.readAll(features).shape()).containsExactly(2, 8, 7, 7);
  }

  @Test
  void shouldCertifyWithFistaWhenSolverIsFista() throws IOException {
    Path features = dir.resolve("features.npy");
    Path summary = dir.resolve("summary.json");

    int code =
        run(
            args(
                features,
                summary,
                "--solver",
                "fista",
                List.of(png("a.png", 14, 14), png("b.png", 14, 14))));

    assertThat(code).as("stderr: %s", err).isZero();
    assertThat(NpyReader.readAll(features).shape()).containsExactly(2, 8, 7, 7);
    JsonNode json = new ObjectMapper().readTree(summary.toFile());
    assertThat(json.get("solver").asText()).contains("fista");
    assertThat(json.get("totals").get("certified").asInt()).isEqualTo(2);
  }

  @Test
  void shouldRefuseWithSizesWhenPngHasWrongSize() throws IOException {
    Path wrong = png("small.png", 12, 14);

    int code = run(args(dir.resolve("f.npy"), null, List.of(png("a.png", 14, 14), wrong)));

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString())
        .contains(wrong.toString())
        .contains("12×14 px")
        .contains("14×14 px")
        .contains("does not resize");
    assertThat(dir.resolve("f.npy")).doesNotExist();
  }

  @Test
  void shouldNameThePathWhenLayerFileIsMissing() throws IOException {
    layer = dir.resolve("absent.json");

    int code = run(args(dir.resolve("f.npy"), null, List.of(png("a.png", 14, 14))));

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains(layer.toString()).contains("does not exist");
  }

  @Test
  void shouldRefuseWithReasonWhenPngIsCorrupt() throws IOException {
    Path good = png("a.png", 14, 14);
    byte[] bytes = Files.readAllBytes(good);
    Path corrupt = Files.write(dir.resolve("corrupt.png"), Arrays.copyOf(bytes, 60));

    int code = run(args(dir.resolve("f.npy"), dir.resolve("s.json"), List.of(good, corrupt)));

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains(corrupt.toString()).contains("reason CORRUPT");
    assertThat(dir.resolve("f.npy")).doesNotExist();
    assertThat(dir.resolve("s.json")).doesNotExist();
  }

  @Test
  void shouldRefuseWhenLayerOutputIsRelu() throws IOException {
    layer = writeLayer("relu.json", OutputActivation.RELU);

    int code = run(args(dir.resolve("f.npy"), null, List.of(png("a.png", 14, 14))));

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains("ReLU output activation cannot be inverted");
    assertThat(err.toString().strip()).doesNotContain("\n");
  }

  @Test
  void shouldRefuseWithShapesWhenMeanActivationDoesNotMatchLayer() throws IOException {
    try (NpyWriter writer = NpyWriter.open(aBar, NpyDType.FLOAT32, new long[] {10})) {
      for (int i = 0; i < 10; i++) {
        writer.write(new float[] {0f});
      }
    }

    int code = run(args(dir.resolve("f.npy"), null, List.of(png("a.png", 14, 14))));

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains("[10]").contains("[8, 7, 7]").contains("[392]");
  }

  private int run(String[] arguments) {
    return FlipadCommand.commandLine()
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(arguments);
  }

  private String[] args(Path features, Path summary, Object... rest) {
    List<String> a = new ArrayList<>(List.of("invert", "--layer", layer.toString()));
    a.addAll(List.of("--mean-activation", aBar.toString(), "--out", features.toString()));
    a.addAll(List.of("--threads", "1"));
    if (summary != null) {
      a.addAll(List.of("--summary", summary.toString()));
    }
    for (Object o : rest) {
      if (o instanceof List<?> paths) {
        paths.forEach(p -> a.add(p.toString()));
      } else {
        a.add(o.toString());
      }
    }
    return a.toArray(String[]::new);
  }

  private Path writeLayer(String name, OutputActivation activation) throws IOException {
    convTranspose =
        new ConvTransposeLayer(
            INPUT,
            1,
            new ConvGeometry(4, 2, 1),
            gaussian(8 * 16, 0.02, false),
            gaussian(1, 0.02, false));
    Path json = dir.resolve(name);
    FinalLayerFiles.write(new FinalLayerFile(convTranspose, activation), json);
    return json;
  }

  /**
   * A gray PNG: drawn through the test's layer when it has the layer's 14×14 output size (images a
   * generator could have made, as FLIPAD inverts), uniform random pixels otherwise.
   */
  private Path png(String name, int width, int height) throws IOException {
    byte[] pixels = width == 14 && height == 14 ? generatedPixels() : new byte[width * height];
    if (width != 14 || height != 14) {
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (byte) random.nextInt(256);
      }
    }
    Path file = dir.resolve(name);
    PngWriter.write(new Image8(1, height, width, pixels), file);
    return file;
  }

  private Path idx(String name, int count) throws IOException {
    Path file = dir.resolve(name);
    OutputStream raw = Files.newOutputStream(file);
    try (DataOutputStream data =
        new DataOutputStream(name.endsWith(".gz") ? new GZIPOutputStream(raw) : raw)) {
      data.writeInt(IdxReader.IMAGE_MAGIC);
      data.writeInt(count);
      data.writeInt(14);
      data.writeInt(14);
      for (int n = 0; n < count; n++) {
        data.write(generatedPixels());
      }
    }
    return file;
  }

  /** 8-bit pixels of tanh(W·a + b) for a fresh activation a ≥ 0 (as ā was drawn). */
  private byte[] generatedPixels() {
    float[] a = gaussian(INPUT.size(), 0.5, true);
    double[] activation = new double[a.length];
    for (int j = 0; j < a.length; j++) {
      activation[j] = a[j];
    }
    double[] y = convTranspose.apply(activation);
    byte[] pixels = new byte[y.length];
    for (int i = 0; i < y.length; i++) {
      pixels[i] = (byte) Math.round((Math.tanh(y[i]) + 1) * 127.5);
    }
    return pixels;
  }

  private float[] gaussian(int n, double std, boolean nonNegative) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      double v = random.nextDouble();
      double g = std * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
      values[i] = (float) (nonNegative ? Math.abs(g) : g);
    }
    return values;
  }
}
