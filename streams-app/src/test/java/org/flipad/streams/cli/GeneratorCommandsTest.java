package org.flipad.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flipad.core.data.ColorMode;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** train-generator, sample and import-generator as a user runs them. */
class GeneratorCommandsTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = FlipadCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void shouldTrainABundleOnTheShippedSubsetAndSampleItReproducibly() throws IOException {
    Path bundle = dir.resolve("dcgan");
    int trained =
        run(
            "train-generator",
            "--arch",
            "dcgan",
            "--seed",
            "3",
            "--epochs",
            "1",
            "--subset",
            "--batch-size",
            "250",
            "--out",
            bundle.toString());
    assertThat(trained).as(err.toString()).isZero();
    JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("generator.json").toFile());
    assertThat(manifest.at("/training/recipe").asText()).isEqualTo("dcgan");
    assertThat(manifest.at("/training/trainingImages").asInt()).isEqualTo(2000);
    assertThat(manifest.at("/training/commandLine").asText())
        .startsWith("flipad train-generator --arch dcgan --seed 3");
    assertThat(manifest.at("/files/generator.params").asText()).hasSize(64);
    assertThat(bundle.resolve("samples/epoch-001.png")).isRegularFile();
    assertThat(err.toString()).contains("epoch 1/1").contains("img/s");

    assertThat(
            run(
                "sample",
                "--model",
                bundle.toString(),
                "--n",
                "3",
                "--seed",
                "9",
                "--out",
                dir.resolve("a").toString()))
        .isZero();
    assertThat(
            run(
                "sample",
                "--model",
                bundle.toString(),
                "--n",
                "3",
                "--seed",
                "9",
                "--batch-size",
                "1",
                "--out",
                dir.resolve("b").toString()))
        .isZero();
    Image8 first = read(dir.resolve("a/sample-00002.png"));
    assertThat(first.height()).isEqualTo(28);
    assertThat(read(dir.resolve("b/sample-00002.png"))).isEqualTo(first);
    try (Stream<Path> files = Files.list(dir.resolve("a"))) {
      assertThat(files).hasSize(3);
    }
  }

  @Test
  void shouldListTheKnownArchitecturesWhenOneIsUnknown() {
    int code =
        run(
            "train-generator",
            "--arch",
            "stylegan",
            "--epochs",
            "1",
            "--subset",
            "--out",
            dir.toString());
    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains("'stylegan'").contains("dcgan, wgan-gp, lsgan, ebgan");
  }

  @Test
  void shouldSayItIsNotABundleWhenSamplingAnEmptyFolder() {
    int code = run("sample", "--model", dir.toString(), "--n", "2", "--out", dir.toString());
    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains("not a generator bundle");
  }

  @Test
  void shouldImportATorchScriptGeneratorThatCanThenBeSampled() throws URISyntaxException {
    Path fixture =
        Path.of(getClass().getResource("/torchscript-fixture/torchscript-generator.json").toURI())
            .getParent();
    Path bundle = dir.resolve("imported");
    assertThat(
            run(
                "import-generator",
                "--torchscript",
                fixture.toString(),
                "--out",
                bundle.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("final layer CONV_TRANSPOSE");
    assertThat(
            run(
                "sample",
                "--model",
                bundle.toString(),
                "--n",
                "2",
                "--out",
                dir.resolve("s").toString()))
        .isZero();
    assertThat(dir.resolve("s/sample-00001.png")).isRegularFile();
  }

  private static Image8 read(Path png) throws IOException {
    return ImageFiles.withDefaultLimits().read(png, ColorMode.GRAYSCALE);
  }
}
