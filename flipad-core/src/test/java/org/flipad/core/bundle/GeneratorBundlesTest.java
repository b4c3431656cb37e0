package org.flipad.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.generator.LatentNoise;
import org.flipad.core.generator.architecture.DcganGenerator;
import org.flipad.core.generator.architecture.LsganGenerator;
import org.flipad.core.generator.architecture.NetworkGeneratorModel;
import org.flipad.core.inversion.FinalLayerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorBundlesTest {

  private static final Provenance PROVENANCE =
      Provenance.current(InstantSource.fixed(Instant.parse("2026-11-28T00:00:00Z")));
  private static final TrainingRecord TRAINING =
      new TrainingRecord("dcgan", 3, 1, 64, "test", 0, "none", "flipad test", 0.0, List.of());

  @TempDir Path dir;

  private static float[][] codes(int latent) {
    return LatentNoise.draw(new SplittableRandom(4), 3, latent);
  }

  @Test
  void shouldGiveIdenticalSamplesAndFinalLayerWhenSavedAndLoaded() throws IOException {
    try (NetworkGeneratorModel original =
        NetworkGeneratorModel.initialised(new DcganGenerator(3))) {
      GeneratorBundle written = GeneratorBundles.writeTrained(original, TRAINING, PROVENANCE, dir);
      GeneratorBundle read = GeneratorBundles.read(dir);
      assertThat(read.digest()).isEqualTo(written.digest());
      try (GeneratorModel loaded = read.load()) {
        assertThat(loaded.sample(codes(100))).isDeepEqualTo(original.sample(codes(100)));
        assertThat(loaded.penultimate(codes(100))).isDeepEqualTo(original.penultimate(codes(100)));
        assertThat(loaded.finalLayer().weight()).containsExactly(original.finalLayer().weight());
      }
      assertThat(read.manifest().files())
          .containsKeys("generator.params", "final-layer.json", "samples.png");
      assertThat(read.manifest().training()).isEqualTo(TRAINING);
    }
  }

  @Test
  void shouldKeepTheConvolutionalFinalLayerAndItsBiasWhenBundlingLsgan() throws IOException {
    try (NetworkGeneratorModel original =
        NetworkGeneratorModel.initialised(new LsganGenerator(5))) {
      GeneratorBundles.writeTrained(original, TRAINING, PROVENANCE, dir);
      GeneratorBundle read = GeneratorBundles.read(dir);
      assertThat(read.manifest().architecture()).isEqualTo("lsgan");
      assertThat(read.finalLayer().layer().kind()).isEqualTo(FinalLayerKind.CONV);
      assertThat(read.finalLayer().layer().bias()).isPresent();
      try (GeneratorModel loaded = read.load()) {
        assertThat(loaded.sample(codes(100))).isDeepEqualTo(original.sample(codes(100)));
      }
    }
  }

  @Test
  void shouldRefuseAndNameTheFileWhenWeightsWereChangedAfterwards() throws IOException {
    try (NetworkGeneratorModel model = NetworkGeneratorModel.initialised(new DcganGenerator(3))) {
      GeneratorBundles.writeTrained(model, TRAINING, PROVENANCE, dir);
    }
    byte[] weights = Files.readAllBytes(dir.resolve("generator.params"));
    weights[weights.length - 1] ^= 1;
    Files.write(dir.resolve("generator.params"), weights);
    assertThatThrownBy(() -> GeneratorBundles.read(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("generator.params has sha256")
        .hasMessageContaining("re-create the bundle");
  }

  @Test
  void shouldRefuseAFinalLayerThatIsNotTheOneTheWeightsApply() throws IOException {
    Path other = dir.resolve("other");
    try (NetworkGeneratorModel a = NetworkGeneratorModel.initialised(new DcganGenerator(3));
        NetworkGeneratorModel b = NetworkGeneratorModel.initialised(new DcganGenerator(4))) {
      GeneratorBundles.writeTrained(a, TRAINING, PROVENANCE, dir.resolve("a"));
      GeneratorBundles.writeTrained(b, TRAINING, PROVENANCE, other);
    }
    // Splice b's weights into a's bundle and re-record the digest, as a careless hand edit would.
    Path spliced = dir.resolve("a");
    Files.copy(
        other.resolve("generator.params"),
        spliced.resolve("generator.params"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String manifest = Files.readString(spliced.resolve("generator.json"));
    String otherDigest = Sha256.ofFile(other.resolve("generator.params"));
    manifest =
        manifest.replaceAll(
            "\"generator.params\" : \"[0-9a-f]+\"",
            "\"generator.params\" : \"" + otherDigest + "\"");
    Files.writeString(spliced.resolve("generator.json"), manifest);
    assertThat(GeneratorBundles.read(spliced).manifest().files())
        .containsEntry("generator.params", otherDigest);
    assertThatThrownBy(() -> GeneratorBundles.read(spliced).load().close())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("differs from the one the weights apply");
  }

  @Test
  void shouldSayWhatToPassWhenTheDirectoryIsNotABundle() {
    assertThatThrownBy(() -> GeneratorBundles.read(dir))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining("not a generator bundle")
        .hasMessageContaining("flipad train-generator");
  }

  @Test
  void shouldImportTheTorchScriptFixtureAsABundleThatReproducesItsSamples() throws Exception {
    Path fixture =
        Path.of(
                getClass()
                    .getResource("/org/flipad/core/generator/imported/torchscript-generator.json")
                    .toURI())
            .getParent();
    GeneratorBundle bundle = GeneratorBundles.importTorchScript(fixture, PROVENANCE, dir);
    assertThat(bundle.manifest().kind()).isEqualTo(GeneratorManifest.TORCHSCRIPT);
    try (GeneratorModel loaded = GeneratorBundles.read(dir).load();
        GeneratorModel direct =
            org.flipad.core.generator.imported.TorchScriptGenerator.open(fixture)) {
      assertThat(loaded.sample(codes(8))).isDeepEqualTo(direct.sample(codes(8)));
      assertThat(loaded.finalLayer().kind()).isEqualTo(FinalLayerKind.CONV_TRANSPOSE);
    }
  }
}
