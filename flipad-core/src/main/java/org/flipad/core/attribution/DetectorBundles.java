package org.flipad.core.attribution;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.flipad.core.bundle.Sha256;
import org.flipad.core.detector.DeepSadModel;
import org.flipad.core.detector.Thresholds;
import org.flipad.core.feature.FeaturePipeline;
import org.flipad.core.feature.FeaturePipelineJson;
import org.flipad.core.inversion.TensorShape;
import org.flipad.core.io.FinalLayerFile;
import org.flipad.core.io.FinalLayerFiles;
import org.flipad.core.io.MeanActivationFiles;
import org.flipad.core.io.NpyDType;
import org.flipad.core.io.NpyWriter;

/**
 * Writes and reads detector bundles: one zip file holding everything needed to serve a FLIPAD
 * detector without the generator.
 *
 * <ul>
 *   <li>{@value #MANIFEST}: the {@link DetectorManifest} (format, version, method, target model id
 *       and generator digest, settings, seeds, thresholds, sorted validation scores, validation
 *       metrics, timings, provenance) and the sha256 of every other entry;
 *   <li>{@code final-layer.json} with {@code final-layer.weight.npy} (and {@code .bias.npy}): the
 *       target's final layer in {@link FinalLayerFiles}' format;
 *   <li>{@value #MEAN_ACTIVATION}: ā, float32 [C, H, W];
 *   <li>{@value #FEATURE_PIPELINE}: the fitted max-pool and standardisation ({@link
 *       FeaturePipelineJson});
 *   <li>{@value #DEEPSAD_MODEL}: the DeepSAD network with its centre c ({@link DeepSadModel#save});
 *   <li>{@value #PIXEL_DEEPSAD_MODEL}, when the detector has a pixel companion ({@link
 *       PixelCompanion}): the pixel DeepSAD network with its centre. The manifest's description
 *       then holds the two scores' log scales, and its thresholds and validation scores are those
 *       of the fused score.
 * </ul>
 *
 * <p>Version 2 added the pixel companion; version 1 bundles (FLIPAD alone) are still read.
 *
 * <p>A bundle is addressed by the sha256 of the whole file, which {@link #write} returns: a
 * registry or a serving config names that digest, and {@link #read} refuses any other file. Even
 * without an expected digest, reading refuses an entry whose bytes differ from the manifest's
 * digest (naming it), entries the manifest does not list, and unknown formats or versions. A
 * consistent edit of an entry and the manifest together is only caught by the whole-file digest, so
 * serving should always pass one. Bundles are written to a temporary file and moved into place, so
 * readers never see a half-written bundle. Stateless.
 */
public final class DetectorBundles {

  /** The manifest's {@code format}. */
  public static final String FORMAT = "flipad-detector-bundle";

  /** The format version this build writes. */
  public static final int VERSION = 2;

  /** The oldest format version this build reads: FLIPAD alone, no pixel companion. */
  public static final int OLDEST_READABLE_VERSION = 1;

  /** The detection method stored in bundles. */
  public static final String METHOD = "flipad";

  /** The suggested file extension. */
  public static final String EXTENSION = ".flipad-detector";

  public static final String MANIFEST = "manifest.json";
  public static final String FINAL_LAYER = "final-layer.json";
  public static final String MEAN_ACTIVATION = "mean-activation.npy";
  public static final String FEATURE_PIPELINE = "feature-pipeline.json";
  public static final String DEEPSAD_MODEL = "deepsad.model";
  public static final String PIXEL_DEEPSAD_MODEL = "pixel-deepsad.model";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private DetectorBundles() {}

  /**
   * Writes {@code detector} as a bundle, replacing {@code file} atomically.
   *
   * @param detector the detector to store (stays open)
   * @param file the bundle file, e.g. {@code dcgan-seed1.flipad-detector}
   * @return the sha256 of the written file, lower-case hex: the bundle's address
   * @throws IOException when the file cannot be written
   */
  public static String write(Detector detector, Path file) throws IOException {
    Map<String, byte[]> entries = entries(detector);
    Map<String, String> digests = new TreeMap<>();
    entries.forEach((name, bytes) -> digests.put(name, Sha256.ofBytes(bytes)));
    Thresholds thresholds = detector.thresholds();
    List<DetectorManifest.Level> levels = new ArrayList<>();
    for (double q : Thresholds.LEVELS) {
      levels.add(new DetectorManifest.Level(q, thresholds.threshold(q)));
    }
    DetectorManifest manifest =
        new DetectorManifest(
            FORMAT,
            VERSION,
            METHOD,
            detector.description(),
            levels,
            thresholds.sortedScores(),
            digests);
    Map<String, byte[]> all = new LinkedHashMap<>();
    all.put(MANIFEST, JSON.writeValueAsBytes(manifest));
    all.putAll(entries);
    DetectorBundleZip.writeAtomically(file, all);
    return Sha256.ofFile(file);
  }

  /**
   * Reads and verifies a bundle and opens its detector.
   *
   * @param file the bundle file
   * @param expectedSha256OrNull the sha256 the file must have (64 hex digits, any case), or null to
   *     check only the entries against the manifest
   * @return the detector; the caller closes it
   * @throws IOException when the file is missing, is not a detector bundle, has another digest than
   *     expected, an entry differs from its recorded digest, or the format is unknown
   */
  public static Detector read(Path file, String expectedSha256OrNull) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException(
          "Detector bundle "
              + file
              + " does not exist or is not a file. Pass the file written by flipad"
              + " train-detector.");
    }
    byte[] bytes = Files.readAllBytes(file);
    requireDigest(file, Sha256.ofBytes(bytes), expectedSha256OrNull);
    Map<String, byte[]> entries = DetectorBundleZip.unzip(file, bytes);
    DetectorManifest manifest = manifest(file, entries.remove(MANIFEST));
    DetectorBundleZip.verifyEntries(file, manifest, entries);
    return open(file, manifest, entries);
  }

  private static Map<String, byte[]> entries(Detector detector) throws IOException {
    Map<String, byte[]> entries = new TreeMap<>();
    Path staging = Files.createTempDirectory("flipad-detector-");
    try {
      FinalLayerFile layer = detector.finalLayer();
      FinalLayerFiles.write(layer, staging.resolve(FINAL_LAYER));
      writeMeanActivation(
          staging.resolve(MEAN_ACTIVATION), detector.meanActivation(), layer.layer().inputShape());
      try (Stream<Path> files = Files.list(staging)) {
        for (Path staged : (Iterable<Path>) files::iterator) {
          entries.put(staged.getFileName().toString(), Files.readAllBytes(staged));
        }
      }
    } finally {
      DetectorBundleZip.deleteRecursively(staging);
    }
    FeaturePipeline pipeline = detector.scoring().scalingOrNull();
    if (pipeline == null) {
      throw new IllegalStateException(
          "A FLIPAD detector always standardises its features; this one has no feature pipeline."
              + " Build it with FlipadDetectorBuilder.");
    }
    entries.put(
        FEATURE_PIPELINE, FeaturePipelineJson.toJson(pipeline).getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream model = new ByteArrayOutputStream();
    detector.scoring().model().save(model);
    entries.put(DEEPSAD_MODEL, model.toByteArray());
    if (detector.companion() != null) {
      ByteArrayOutputStream pixels = new ByteArrayOutputStream();
      detector.companion().model().save(pixels);
      entries.put(PIXEL_DEEPSAD_MODEL, pixels.toByteArray());
    }
    return entries;
  }

  private static void writeMeanActivation(Path file, float[] aBar, TensorShape shape)
      throws IOException {
    long[] dimensions = {shape.channels(), shape.height(), shape.width()};
    try (NpyWriter writer = NpyWriter.open(file, NpyDType.FLOAT32, dimensions)) {
      int plane = writer.rowSize();
      for (int c = 0; c < shape.channels(); c++) {
        float[] row = new float[plane];
        System.arraycopy(aBar, c * plane, row, 0, plane);
        writer.write(row);
      }
    }
  }

  private static void requireDigest(Path file, String actual, String expectedOrNull)
      throws IOException {
    if (expectedOrNull == null) {
      return;
    }
    String expected = expectedOrNull.trim().toLowerCase(java.util.Locale.ROOT);
    if (expected.length() != 64 || !expected.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException(
          "Expected sha256 '"
              + expectedOrNull
              + "' is not 64 hex digits. Pass the digest flipad train-detector printed.");
    }
    if (!expected.equals(actual)) {
      throw new IOException(
          String.format(
              "Detector bundle %s has sha256 %s but %s was expected. The file is another bundle, or"
                  + " it was changed or damaged; fetch the bundle again or pass its digest.",
              file, actual, expected));
    }
  }

  private static DetectorManifest manifest(Path file, byte[] json) throws IOException {
    if (json == null) {
      throw new IOException(
          "Detector bundle "
              + file
              + " has no "
              + MANIFEST
              + "; it is not a detector bundle."
              + " Pass a file written by flipad train-detector.");
    }
    try {
      JsonNode tree = JSON.readTree(json);
      String format = tree.path("format").asText(null);
      int version = tree.path("version").asInt(-1);
      if (!FORMAT.equals(format) || version < OLDEST_READABLE_VERSION || version > VERSION) {
        throw new IOException(
            String.format(
                "Detector bundle %s is format '%s' version %d; this build reads '%s' versions %d"
                    + " to %d. Re-create the bundle or use a matching flipad.",
                file, format, version, FORMAT, OLDEST_READABLE_VERSION, VERSION));
      }
      DetectorManifest manifest = JSON.treeToValue(tree, DetectorManifest.class);
      if (!METHOD.equals(manifest.method())) {
        throw new IOException(
            "Detector bundle "
                + file
                + " holds method '"
                + manifest.method()
                + "'; this build serves '"
                + METHOD
                + "' bundles only.");
      }
      return manifest;
    } catch (JacksonException e) {
      throw new IOException(
          "Detector bundle "
              + file
              + ": "
              + MANIFEST
              + " is not valid: "
              + e.getOriginalMessage()
              + ". Re-create the bundle with flipad train-detector.",
          e);
    }
  }

  private static Detector open(Path file, DetectorManifest manifest, Map<String, byte[]> entries)
      throws IOException {
    FinalLayerFile layer;
    float[] aBar;
    Path staging = Files.createTempDirectory("flipad-detector-");
    try {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        if (entry.getKey().startsWith("final-layer.") || entry.getKey().equals(MEAN_ACTIVATION)) {
          Files.write(staging.resolve(entry.getKey()), entry.getValue());
        }
      }
      layer = FinalLayerFiles.read(staging.resolve(FINAL_LAYER));
      aBar = MeanActivationFiles.read(staging.resolve(MEAN_ACTIVATION), layer.layer().inputShape());
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(
          "Detector bundle " + file + ": the final layer or ā cannot be read: " + e.getMessage(),
          e);
    } finally {
      DetectorBundleZip.deleteRecursively(staging);
    }
    FeaturePipeline pipeline =
        FeaturePipelineJson.fromJson(
            new String(required(file, entries, FEATURE_PIPELINE), StandardCharsets.UTF_8));
    Thresholds thresholds = thresholds(file, manifest);
    DeepSadModel model =
        DeepSadModel.load(new ByteArrayInputStream(required(file, entries, DEEPSAD_MODEL)));
    PixelCompanion companion = null;
    try {
      PixelCompanionDescription pixels = manifest.detector().pixelCompanion();
      if (pixels != null) {
        DeepSadModel pixelModel =
            DeepSadModel.load(
                new ByteArrayInputStream(required(file, entries, PIXEL_DEEPSAD_MODEL)));
        companion = new PixelCompanion(pixelModel, pixels.flipadScale(), pixels.pixelScale());
      } else if (entries.containsKey(PIXEL_DEEPSAD_MODEL)) {
        throw new IOException(
            "Detector bundle "
                + file
                + " has a pixel network but its manifest does not say how to fuse it."
                + " Re-create the bundle with flipad train-detector.");
      }
      // The FLIPAD network's own thresholds are not stored; with a companion only the fused
      // score's are, and FLIPAD's score is never decided on alone.
      DeepSadDetector scoring = new DeepSadDetector(pipeline, model, thresholds);
      return new Detector(
          manifest.detector(),
          layer,
          aBar,
          scoring,
          companion,
          thresholds,
          Runtime.getRuntime().availableProcessors());
    } catch (IOException | RuntimeException e) {
      model.close();
      if (companion != null) {
        companion.close();
      }
      throw e;
    }
  }

  private static byte[] required(Path file, Map<String, byte[]> entries, String name)
      throws IOException {
    byte[] content = entries.get(name);
    if (content == null) {
      throw new IOException(
          "Detector bundle "
              + file
              + " has no entry "
              + name
              + "; expected one in this bundle. Re-create it with flipad train-detector.");
    }
    return content;
  }

  /** Recomputes τ_q from the stored scores; a mismatch means the manifest was edited. */
  private static Thresholds thresholds(Path file, DetectorManifest manifest) throws IOException {
    Thresholds thresholds = Thresholds.fromTargetScores(manifest.validationScores());
    for (DetectorManifest.Level level : manifest.thresholds()) {
      double recomputed = thresholds.threshold(level.fnr());
      if (Double.compare(recomputed, level.threshold()) != 0) {
        throw new IOException(
            String.format(
                "Detector bundle %s: the threshold at FNR %s is %s but the validation scores give"
                    + " %s. The manifest was edited; re-create the bundle.",
                file, level.fnr(), level.threshold(), recomputed));
      }
    }
    return thresholds;
  }
}
