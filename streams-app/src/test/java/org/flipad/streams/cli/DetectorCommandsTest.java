package org.flipad.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flipad.core.bundle.Sha256;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.data.PngWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code flipad train-detector} and {@code flipad attribute} on a committed zoo generator. */
@Timeout(60)
class DetectorCommandsTest {

  /** Tests run in streams-app, so the zoo is one level up. */
  private static final Path DCGAN = Path.of("..", "models", "zoo", "dcgan-seed1");

  @TempDir static Path shared;
  @TempDir Path dir;

  private static Path bundle;
  private static String trainOutput;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void trainTinyDetector() {
    bundle = shared.resolve("dcgan-seed1.flipad-detector");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code =
        FlipadCommand.commandLine()
            .setOut(new PrintWriter(stdout))
            .setErr(new PrintWriter(stderr))
            .execute(
                "train-detector",
                "--generator",
                DCGAN.toString(),
                "--negatives",
                "fashion-mnist-subset",
                "--out",
                bundle.toString(),
                "--train",
                "32",
                "--validation",
                "16",
                "--epochs",
                "1",
                "--network",
                "lenet",
                "--batch-size",
                "32");
    assertThat(code).as("stderr: %s", stderr).isZero();
    trainOutput = stdout.toString();
  }

  @Test
  void shouldPrintThresholdsValidationAndTheBundlesSha256WhenTraining() throws IOException {
    assertThat(trainOutput)
        .contains("Detector for dcgan-seed1")
        .contains("FNR   0.5 %: threshold")
        .contains("AUROC")
        .contains("sha256 " + Sha256.ofFile(bundle));
  }

  @Test
  void shouldPrintOneJsonLinePerImageWhenAttributingWithJson() throws IOException {
    List<Path> pngs = pngs(2, 28);
    List<String> args = new ArrayList<>(List.of("attribute", "--detector", bundle.toString()));
    args.addAll(List.of("--sha256", Sha256.ofFile(bundle), "--json"));
    pngs.forEach(p -> args.add(p.toString()));

    int code = run(args.toArray(String[]::new));

    assertThat(code).as("stderr: %s", err).isZero();
    String[] lines = out.toString().strip().split("\\R");
    assertThat(lines).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode line = new ObjectMapper().readTree(lines[i]);
      assertThat(line.get("file").asText()).isEqualTo(pngs.get(i).toString());
      assertThat(line.get("score").asDouble()).isNotNegative();
      assertThat(line.get("pValue").asDouble()).isBetween(0.0, 1.0);
      assertThat(line.get("fromTarget").isBoolean()).isTrue();
      assertThat(line.get("fnr").asDouble()).isEqualTo(0.005);
      assertThat(line.get("decisions")).hasSize(5);
      assertThat(line.has("relativeGap")).isTrue();
      assertThat(line.get("iterations").asInt()).isPositive();
    }
  }

  @Test
  void shouldRefuseAnImageOfTheWrongSizeWithoutAStackTrace() throws IOException {
    Path wrong = pngs(1, 32).get(0);

    int code = run("attribute", "--detector", bundle.toString(), wrong.toString());

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString())
        .contains(wrong.toString())
        .contains("32×32 px")
        .contains("28×28 px")
        .doesNotContain("Exception");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldRefuseTheBundleWhenTheExpectedSha256Differs() throws IOException {
    Path png = pngs(1, 28).get(0);

    int code =
        run(
            "attribute",
            "--detector",
            bundle.toString(),
            "--sha256",
            "ab".repeat(32),
            png.toString());

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains("ab".repeat(32) + " was expected");
  }

  /** Fashion-MNIST test images written as PNGs, padded with black to {@code side}. */
  private List<Path> pngs(int count, int side) throws IOException {
    List<Path> files = new ArrayList<>();
    List<Image8> images = FashionMnist.testSubset().images();
    for (int i = 0; i < count; i++) {
      byte[] pixels = new byte[side * side];
      byte[] source = images.get(i).pixels();
      for (int y = 0; y < 28; y++) {
        System.arraycopy(source, y * 28, pixels, y * side, 28);
      }
      Path file = dir.resolve("image" + i + ".png");
      PngWriter.write(new Image8(1, side, side, pixels), file);
      files.add(file);
    }
    return files;
  }

  private int run(String... arguments) {
    return FlipadCommand.commandLine()
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(arguments);
  }
}
