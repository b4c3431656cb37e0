package org.flipad.core.attribution;

import static org.flipad.core.attribution.DetectorBundles.DEEPSAD_MODEL;
import static org.flipad.core.attribution.DetectorBundles.FEATURE_PIPELINE;
import static org.flipad.core.attribution.DetectorBundles.FINAL_LAYER;
import static org.flipad.core.attribution.DetectorBundles.FORMAT;
import static org.flipad.core.attribution.DetectorBundles.MEAN_ACTIVATION;
import static org.flipad.core.attribution.DetectorBundles.METHOD;
import static org.flipad.core.attribution.DetectorBundles.OLDEST_READABLE_VERSION;
import static org.flipad.core.attribution.DetectorBundles.PIXEL_DEEPSAD_MODEL;
import static org.flipad.core.attribution.DetectorBundles.VERSION;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.flipad.core.detector.DeepSadModel;
import org.flipad.core.detector.Thresholds;
import org.flipad.core.feature.FeaturePipeline;
import org.flipad.core.feature.FeaturePipelineJson;
import org.flipad.core.io.FinalLayerFile;
import org.flipad.core.io.FinalLayerFiles;
import org.flipad.core.io.MeanActivationFiles;

/**
 * The read side of {@link DetectorBundles}: checks a bundle's whole-file digest, parses and checks
 * its manifest (format, version, method), and opens the detector from its entries, recomputing the
 * thresholds from the stored validation scores so that an edited manifest is refused.
 */
final class DetectorBundleReader {

  private DetectorBundleReader() {}

  /** Refuses a file whose sha256 {@code actual} is not the expected one, when one is given. */
  static void requireDigest(Path file, String actual, String expectedOrNull) throws IOException {
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

  /** Parses the manifest, refusing other formats, versions and methods. */
  static DetectorManifest manifest(Path file, byte[] json) throws IOException {
    if (json == null) {
      throw new IOException(
          "Detector bundle "
              + file
              + " has no "
              + DetectorBundles.MANIFEST
              + "; it is not a detector bundle."
              + " Pass a file written by flipad train-detector.");
    }
    try {
      JsonNode tree = DetectorBundles.JSON.readTree(json);
      String format = tree.path("format").asText(null);
      int version = tree.path("version").asInt(-1);
      if (!FORMAT.equals(format) || version < OLDEST_READABLE_VERSION || version > VERSION) {
        throw new IOException(
            String.format(
                "Detector bundle %s is format '%s' version %d; this build reads '%s' versions %d"
                    + " to %d. Re-create the bundle or use a matching flipad.",
                file, format, version, FORMAT, OLDEST_READABLE_VERSION, VERSION));
      }
      DetectorManifest manifest = DetectorBundles.JSON.treeToValue(tree, DetectorManifest.class);
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
              + DetectorBundles.MANIFEST
              + " is not valid: "
              + e.getOriginalMessage()
              + ". Re-create the bundle with flipad train-detector.",
          e);
    }
  }

  /** Opens the detector from verified entries; the caller closes it. */
  static Detector open(Path file, DetectorManifest manifest, Map<String, byte[]> entries)
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
