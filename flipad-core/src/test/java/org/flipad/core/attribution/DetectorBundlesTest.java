package org.flipad.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.flipad.core.bundle.Sha256;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.data.PngWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(600) // a hang guard only
class DetectorBundlesTest {

  @TempDir static Path shared;
  @TempDir Path dir;

  private static Detector built;
  private static Path bundle;
  private static String sha256;
  private static List<Image8> images;

  @BeforeAll
  static void buildTinyDetector() throws IOException {
    built = FlipadDetectorBuilderTest.buildTiny(32, 16, 1);
    bundle = shared.resolve("dcgan-seed1" + DetectorBundles.EXTENSION);
    sha256 = DetectorBundles.write(built, bundle);
    images = FashionMnist.testSubset().images().subList(1_000, 1_004);
  }

  @AfterAll
  static void closeDetector() {
    built.close();
  }

  @Test
  void shouldGiveBitIdenticalAttributionsWhenTheBundleIsReadBack() throws IOException {
    List<Attribution> original = built.attribute(images);
    try (Detector loaded = DetectorBundles.read(bundle, sha256)) {
      List<Attribution> reread = loaded.attribute(images);
      for (int i = 0; i < images.size(); i++) {
        assertThat(Double.doubleToRawLongBits(reread.get(i).score()))
            .as("image %d", i)
            .isEqualTo(Double.doubleToRawLongBits(original.get(i).score()));
        assertThat(reread.get(i).pValue()).isEqualTo(original.get(i).pValue());
        assertThat(reread.get(i).decisions()).isEqualTo(original.get(i).decisions());
      }
      assertThat(loaded.description()).isEqualTo(built.description());
    }
  }

  @Test
  void shouldGiveAnImageTheSameScoreWhateverElseIsAttributedWithIt() throws IOException {
    // More images than one scoring block, so that blocks are full, padded and mixed.
    List<Image8> many = FashionMnist.testSubset().images().subList(1_100, 1_100 + 37);
    List<Attribution> together = built.attribute(many);
    for (int i : new int[] {0, 5, 15, 16, 31, 36}) {
      Attribution alone = built.attribute(List.of(many.get(i))).get(0);
      assertThat(Double.doubleToRawLongBits(alone.score()))
          .as("image %d alone and in a batch of %d", i, many.size())
          .isEqualTo(Double.doubleToRawLongBits(together.get(i).score()));
    }
    List<Attribution> shuffled = built.attribute(List.of(many.get(36), many.get(0), many.get(16)));
    assertThat(shuffled.get(0).score()).isEqualTo(together.get(36).score());
    assertThat(shuffled.get(1).score()).isEqualTo(together.get(0).score());
    assertThat(shuffled.get(2).score()).isEqualTo(together.get(16).score());
  }

  @Test
  void shouldReadABundleWrittenBeforeInversionRecipesWithTheLegacyRecipe() throws IOException {
    // A bundle written by the first release (working-set recipe, no ridge factor, no bank).
    Path committed =
        Path.of(
            "src/test/resources/org/flipad/core/attribution/legacy-working-set.flipad-detector");

    try (Detector legacy = DetectorBundles.read(committed, null)) {
      assertThat(legacy.description().inversion().recipe()).isEqualTo(InversionRecipe.WORKING_SET);
      assertThat(legacy.description().inversion().ridgeFactor())
          .isEqualTo(InversionSettings.DEFAULT_RIDGE_FACTOR);
      assertThat(legacy.description().negatives()).isEmpty();
      assertThat(legacy.description().validation().sources()).isEmpty();
    }
  }

  @Test
  void shouldReturnTheFilesSha256WhenWriting() throws IOException {
    assertThat(sha256).isEqualTo(Sha256.ofFile(bundle)).hasSize(64);
  }

  @Test
  void shouldRecordEveryEntryAndEveryThresholdLevelInTheManifest() throws IOException {
    Map<String, byte[]> entries = unzip(bundle);
    String manifest = new String(entries.get(DetectorBundles.MANIFEST), StandardCharsets.UTF_8);
    assertThat(entries)
        .containsKeys(
            "final-layer.json",
            "final-layer.weight.npy",
            DetectorBundles.MEAN_ACTIVATION,
            DetectorBundles.FEATURE_PIPELINE,
            DetectorBundles.DEEPSAD_MODEL,
            DetectorBundles.PIXEL_DEEPSAD_MODEL);
    assertThat(manifest)
        .contains("\"format\" : \"flipad-detector-bundle\"")
        .contains("\"version\" : 2,")
        .contains("\"generatorDigest\"")
        .contains("\"fnr\" : 0.005")
        .contains("\"pixelCompanion\"")
        .contains(Sha256.ofBytes(entries.get(DetectorBundles.DEEPSAD_MODEL)))
        .contains(Sha256.ofBytes(entries.get(DetectorBundles.PIXEL_DEEPSAD_MODEL)));
  }

  @Test
  void shouldServeTheFusedScoreCalibratedOnTheFusedValidationScores() throws IOException {
    PixelCompanion companion = built.companion();
    assertThat(companion).as("the default build has a pixel companion").isNotNull();
    assertThat(built.description().pixelCompanion().deepSad().architecture().id())
        .isEqualTo("lenet");
    // The served score is the mean of the two log-standardised scores of the same image (up to
    // float rounding: the detector scores in blocks of 16, this test in a batch of 2).
    List<Image8> two = images.subList(0, 2);
    double[] flipad;
    try (InversionFeatureExtractor extractor =
        new InversionFeatureExtractor(
            built.finalLayer().layer(),
            built.finalLayer().activation(),
            built.meanActivation(),
            built.description().inversion())) {
      flipad = built.scoring().score(extractor.extract(two).rows());
    }
    double[] pixels = companion.model().score(PixelCompanion.features(two));
    double[] expected = companion.fuse(flipad, pixels);
    List<Attribution> served = built.attribute(two);
    for (int i = 0; i < two.size(); i++) {
      assertThat(served.get(i).score()).as("image %d", i).isCloseTo(expected[i], within(1e-5));
    }
    // The thresholds are the fused score's, not FLIPAD's own: FLIPAD's scores are distances
    // (≥ 0) while the fused validation scores are centred on 0.
    assertThat(built.thresholds().sortedScores()[0]).isNegative();
    assertThat(built.thresholds().sortedScores())
        .hasSize(built.description().validation().validation());
  }

  @Test
  void shouldRefuseAPixelNetworkTheManifestDoesNotDescribe() throws IOException {
    Map<String, byte[]> entries = unzip(bundle);
    String manifest = new String(entries.get(DetectorBundles.MANIFEST), StandardCharsets.UTF_8);
    String withoutCompanion =
        manifest.replaceAll(
            "(?s)\"pixelCompanion\" : \\{.*?\"pixelScale\" : \\{[^}]*}\\s*}",
            "\"pixelCompanion\" : null");
    assertThat(withoutCompanion).isNotEqualTo(manifest).contains("\"pixelCompanion\" : null");
    entries.put(DetectorBundles.MANIFEST, withoutCompanion.getBytes(StandardCharsets.UTF_8));
    Path tampered = zip(dir.resolve("undescribed.flipad-detector"), entries);

    assertThatThrownBy(() -> DetectorBundles.read(tampered, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("pixel network")
        .hasMessageContaining("does not say how to fuse");
  }

  @Test
  void shouldRefuseNamingTheEntryWhenAnEntryChangedButTheManifestDidNot() throws IOException {
    Map<String, byte[]> entries = unzip(bundle);
    String pipeline =
        new String(entries.get(DetectorBundles.FEATURE_PIPELINE), StandardCharsets.UTF_8);
    entries.put(
        DetectorBundles.FEATURE_PIPELINE, (pipeline + " ").getBytes(StandardCharsets.UTF_8));
    Path tampered = zip(dir.resolve("tampered.flipad-detector"), entries);

    assertThatThrownBy(() -> DetectorBundles.read(tampered, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("entry " + DetectorBundles.FEATURE_PIPELINE)
        .hasMessageContaining("manifest records");
  }

  @Test
  void shouldRefuseNamingTheEntryWhenAByteInsideItWasFlipped() throws IOException {
    byte[] bytes = Files.readAllBytes(bundle);
    int data = dataOffset(bytes, DetectorBundles.DEEPSAD_MODEL);
    bytes[data + 200] ^= 0x10;
    Path tampered = Files.write(dir.resolve("flipped.flipad-detector"), bytes);

    assertThatThrownBy(() -> DetectorBundles.read(tampered, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(DetectorBundles.DEEPSAD_MODEL);
  }

  @Test
  void shouldRefuseWhenTheFileHasAnotherSha256ThanExpected() {
    String other = "0".repeat(64);
    assertThatThrownBy(() -> DetectorBundles.read(bundle, other))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(sha256)
        .hasMessageContaining(other + " was expected");
  }

  @Test
  void shouldRefuseAnEntryTheManifestDoesNotList() throws IOException {
    Map<String, byte[]> entries = unzip(bundle);
    entries.put("extra.bin", new byte[] {1});
    Path tampered = zip(dir.resolve("extra.flipad-detector"), entries);

    assertThatThrownBy(() -> DetectorBundles.read(tampered, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("extra.bin")
        .hasMessageContaining("does not list");
  }

  @Test
  void shouldRefuseAnUnknownFormatVersion() throws IOException {
    Map<String, byte[]> entries = unzip(bundle);
    String manifest = new String(entries.get(DetectorBundles.MANIFEST), StandardCharsets.UTF_8);
    entries.put(
        DetectorBundles.MANIFEST,
        manifest.replace("\"version\" : 2,", "\"version\" : 99,").getBytes(StandardCharsets.UTF_8));
    Path future = zip(dir.resolve("future.flipad-detector"), entries);

    assertThatThrownBy(() -> DetectorBundles.read(future, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("version 99")
        .hasMessageContaining("reads 'flipad-detector-bundle' versions 1 to 2");
  }

  @Test
  void shouldRefuseAFileThatIsNotABundle() throws IOException {
    Path png = dir.resolve("image.png");
    PngWriter.write(images.get(0), png);
    assertThatThrownBy(() -> DetectorBundles.read(png, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a zip file");
  }

  @Test
  void shouldRefuseImagesOfAnotherSize() {
    Image8 wrong = new Image8(1, 32, 32, new byte[32 * 32]);
    assertThatThrownBy(() -> built.attribute(List.of(wrong)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32×32 px")
        .hasMessageContaining("28×28 px");
  }

  private static Map<String, byte[]> unzip(Path file) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip =
        new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        entries.put(entry.getName(), zip.readAllBytes());
      }
    }
    return entries;
  }

  private static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  /** Where the (compressed) data of {@code name} starts: after its 30-byte local header. */
  private static int dataOffset(byte[] zip, String name) {
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 30 + wanted.length <= zip.length; i++) {
      boolean header = zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4;
      int nameLength = (zip[i + 26] & 0xFF) | (zip[i + 27] & 0xFF) << 8;
      if (header && nameLength == wanted.length) {
        String found = new String(zip, i + 30, nameLength, StandardCharsets.UTF_8);
        int extraLength = (zip[i + 28] & 0xFF) | (zip[i + 29] & 0xFF) << 8;
        if (found.equals(name)) {
          return i + 30 + nameLength + extraLength;
        }
      }
    }
    throw new AssertionError("No local header for " + name);
  }
}
