package org.flipad.core.generator.imported;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.flipad.core.generator.GeneratorShape;
import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.ConvTransposeLayer;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.TensorShape;
import org.flipad.core.io.NpyArray;
import org.flipad.core.io.NpyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports the fixture made by {@code tools/torchscript-fixture/make_fixture.py} (PyTorch 1.13) and
 * compares with the outputs PyTorch computed; checks that the extracted final layer is the one the
 * module applies, and the refusals.
 */
class TorchScriptGeneratorTest {

  /** float32 through two engines (1.13 vs 2.7.1 kernels): a few ulps of values of order 1. */
  private static final double TOLERANCE = 1e-5;

  @TempDir Path temp;

  private static Path fixture() throws URISyntaxException {
    return Path.of(
            Objects.requireNonNull(
                    TorchScriptGeneratorTest.class.getResource(TorchScriptGenerator.MANIFEST))
                .toURI())
        .getParent();
  }

  private static float[][] expected(String name) throws IOException, URISyntaxException {
    NpyArray array = NpyReader.readAll(fixture().resolve("expected-" + name + ".npy"));
    int rows = (int) array.shape()[0];
    int size = array.elementCount() / rows;
    float[] flat = array.toFloatArray();
    float[][] out = new float[rows][size];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(flat, i * size, out[i], 0, size);
    }
    return out;
  }

  /** A writable copy of the fixture folder. */
  private Path copyOfFixture() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(fixture())) {
      for (Path file : files.toList()) {
        Files.copy(file, temp.resolve(file.getFileName()));
      }
    }
    return temp;
  }

  private static double maxDifference(float[][] actual, float[][] expected) {
    assertThat(actual).hasDimensions(expected.length, expected[0].length);
    double worst = 0;
    for (int n = 0; n < expected.length; n++) {
      for (int i = 0; i < expected[n].length; i++) {
        worst = Math.max(worst, Math.abs(actual[n][i] - expected[n][i]));
      }
    }
    return worst;
  }

  @Test
  void shouldReadTheShapesAndActivationFromTheManifest() throws Exception {
    try (TorchScriptGenerator generator = TorchScriptGenerator.open(fixture())) {
      assertThat(generator.shape())
          .isEqualTo(new GeneratorShape(8, new TensorShape(4, 14, 14), new TensorShape(1, 28, 28)));
      assertThat(generator.outputActivation()).isEqualTo(OutputActivation.TANH);
    }
  }

  @Test
  void shouldReproducePyTorchsImagesWhenSampling() throws Exception {
    try (TorchScriptGenerator generator = TorchScriptGenerator.open(fixture())) {
      double worst = maxDifference(generator.sample(expected("z")), expected("images"));
      assertThat(worst).as("max |x_java − x_pytorch|").isLessThan(TOLERANCE);
    }
  }

  @Test
  void shouldReproducePyTorchsPenultimateActivations() throws Exception {
    try (TorchScriptGenerator generator = TorchScriptGenerator.open(fixture())) {
      double worst = maxDifference(generator.penultimate(expected("z")), expected("penultimate"));
      assertThat(worst).as("max |g_java − g_pytorch|").isLessThan(TOLERANCE);
    }
  }

  @Test
  void shouldExtractTheFinalLayerTheModuleAppliesWhenComparedWithItsSamples() throws Exception {
    try (TorchScriptGenerator generator = TorchScriptGenerator.open(fixture())) {
      FinalLayer layer = generator.finalLayer();
      assertThat(layer).isInstanceOf(ConvTransposeLayer.class);
      assertThat(((ConvTransposeLayer) layer).geometry()).isEqualTo(new ConvGeometry(4, 2, 1));
      assertThat(layer.weightShape()).containsExactly(4, 1, 4, 4);
      assertThat(layer.bias()).isEmpty();
      float[][] z = expected("z");
      float[][] activations = generator.penultimate(z);
      float[][] reconstructed = new float[z.length][];
      for (int n = 0; n < z.length; n++) {
        double[] y = layer.apply(toDouble(activations[n]));
        reconstructed[n] = new float[y.length];
        for (int i = 0; i < y.length; i++) {
          reconstructed[n][i] = (float) Math.tanh(y[i]);
        }
      }
      double worst = maxDifference(reconstructed, generator.sample(z));
      assertThat(worst).as("max |tanh(L(g(z))) − sample(z)|").isLessThan(TOLERANCE);
    }
  }

  @Test
  void shouldListTheModulesParameterNamesWhenTheWeightNameIsWrong() throws Exception {
    Path folder = copyOfFixture();
    rewriteManifest(folder, "\"final.weight\"", "\"final.wieght\"");
    assertThatThrownBy(() -> TorchScriptGenerator.open(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"final.wieght\"")
        .hasMessageContaining("final.weight")
        .hasMessageContaining("body.dense.weight")
        .hasMessageContaining("Fix \"finalLayer.weight\"");
  }

  @Test
  void shouldNameTheMissingFileWhenAModuleIsAbsent() throws Exception {
    Path folder = copyOfFixture();
    Files.delete(folder.resolve("penultimate.pt"));
    assertThatThrownBy(() -> TorchScriptGenerator.open(folder))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining(folder.resolve("penultimate.pt").toString())
        .hasMessageContaining("torch.jit.script");
  }

  @Test
  void shouldSayWhatToDoWhenAModuleIsNotTorchScript() throws Exception {
    Path folder = copyOfFixture();
    Files.writeString(folder.resolve("generator.pt"), "not a zip archive");
    assertThatThrownBy(() -> TorchScriptGenerator.open(folder))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(folder.resolve("generator.pt").toString())
        .hasMessageContaining("could not be loaded as TorchScript");
  }

  @Test
  void shouldNameTheMissingFileWhenTheManifestIsAbsent() throws Exception {
    Path folder = copyOfFixture();
    Files.delete(folder.resolve(TorchScriptGenerator.MANIFEST));
    assertThatThrownBy(() -> TorchScriptGenerator.open(folder))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining(folder.resolve(TorchScriptGenerator.MANIFEST).toString());
  }

  @Test
  void shouldRefuseTheManifestWhenItsShapesDisagreeWithTheWeight() throws Exception {
    Path folder = copyOfFixture();
    rewriteManifest(folder, "\"penultimateShape\": [\n    4,", "\"penultimateShape\": [\n    8,");
    assertThatThrownBy(() -> TorchScriptGenerator.open(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"final.weight\"")
        .hasMessageContaining("[4, 1, 4, 4]")
        .hasMessageContaining("[8, 1, 4, 4]");
  }

  @Test
  void shouldListTheKnownKindsWhenTheKindIsUnknown() throws Exception {
    Path folder = copyOfFixture();
    rewriteManifest(folder, "\"conv-transpose\"", "\"deconv\"");
    assertThatThrownBy(() -> TorchScriptGenerator.open(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"deconv\"")
        .hasMessageContaining("[conv-transpose, conv, dense]");
  }

  @Test
  void shouldRefuseALatentCodeOfTheWrongLength() throws Exception {
    try (TorchScriptGenerator generator = TorchScriptGenerator.open(fixture())) {
      assertThatThrownBy(() -> generator.sample(new float[][] {new float[8], new float[7]}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Latent code 1 has 7 values")
          .hasMessageContaining("expects 8");
    }
  }

  @Test
  void shouldKeepTheManagedArrayCountFlatWhenSamplingRepeatedly() throws Exception {
    try (TorchScriptGenerator generator = TorchScriptGenerator.open(fixture())) {
      float[][] z = expected("z");
      generator.sample(z);
      int before = generator.imageManager().getManagedArrays().size();
      for (int i = 0; i < 20; i++) {
        generator.sample(z);
      }
      assertThat(generator.imageManager().getManagedArrays().size()).isEqualTo(before);
    }
  }

  private static void rewriteManifest(Path folder, String from, String to) throws IOException {
    Path manifest = folder.resolve(TorchScriptGenerator.MANIFEST);
    String text = Files.readString(manifest);
    assertThat(text).as("fixture manifest").contains(from);
    Files.writeString(manifest, text.replace(from, to));
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
