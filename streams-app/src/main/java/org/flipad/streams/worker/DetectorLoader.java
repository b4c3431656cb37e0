package org.flipad.streams.worker;

import java.io.IOException;
import java.nio.file.Path;
import org.flipad.core.attribution.Detector;
import org.flipad.core.attribution.DetectorBundles;
import org.flipad.streams.model.WatchedModel;

/** Loads a detector bundle (verified by its sha256 when given) as a servable model. */
public final class DetectorLoader {

  private DetectorLoader() {}

  /**
   * Loads {@code bundle} and serves it as version {@code version} at level {@code fnr}.
   *
   * @param expectedSha256 the bundle's digest, or null to skip the check
   * @throws IOException when the bundle cannot be read or its digest differs
   */
  public static LoadedModel load(Path bundle, String expectedSha256, int version, double fnr)
      throws IOException {
    return load(bundle, expectedSha256, version, fnr, null);
  }

  /**
   * Loads {@code bundle} as version {@code version}, deciding at {@code thresholdOverride} when not
   * null, else at the calibrated threshold of {@code fnr}.
   */
  public static LoadedModel load(
      Path bundle, String expectedSha256, int version, double fnr, Double thresholdOverride)
      throws IOException {
    Detector detector = DetectorBundles.read(bundle, expectedSha256);
    try {
      WatchedModel model =
          new WatchedModel(
              detector.description().modelId(),
              version,
              detector.inputFormat(),
              fnr,
              thresholdOverride,
              expectedSha256);
      detector.thresholds().threshold(fnr); // fails early for an uncalibrated level
      return new LoadedModel(model, detector);
    } catch (RuntimeException e) {
      detector.close();
      throw e;
    }
  }
}
