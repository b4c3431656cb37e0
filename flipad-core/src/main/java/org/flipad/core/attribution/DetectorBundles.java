package org.flipad.core.attribution;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * readers never see a half-written bundle. Stateless. Checking and opening a read bundle's entries
 * is {@link DetectorBundleReader}'s part.
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

  /** Writes and reads the manifest: strict, so a misspelt or missing field fails the read. */
  static final ObjectMapper JSON =
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
    DetectorBundleReader.requireDigest(file, Sha256.ofBytes(bytes), expectedSha256OrNull);
    Map<String, byte[]> entries = DetectorBundleZip.unzip(file, bytes);
    DetectorManifest manifest = DetectorBundleReader.manifest(file, entries.remove(MANIFEST));
    DetectorBundleZip.verifyEntries(file, manifest, entries);
    return DetectorBundleReader.open(file, manifest, entries);
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
}
