package org.flipad.core.attribution;

import java.util.List;
import java.util.Map;

/**
 * The {@code manifest.json} of a detector bundle (see {@link DetectorBundles}): what the detector
 * is, how it decides, and the sha256 of every other entry, so the manifest alone pins the whole
 * bundle's content.
 *
 * @param format always {@value DetectorBundles#FORMAT}
 * @param version the format version, {@value DetectorBundles#VERSION}
 * @param method the detection method, {@value DetectorBundles#METHOD}
 * @param detector the target, settings, seeds, validation results, timings and provenance
 * @param thresholds τ_q at every level of {@code Thresholds.LEVELS}, recomputed and checked on
 *     reading
 * @param validationScores the held-out target scores, ascending: the thresholds and p-values derive
 *     from them
 * @param entries sha256 (lower-case hex) of every other entry, by entry name
 */
public record DetectorManifest(
    String format,
    int version,
    String method,
    DetectorDescription detector,
    List<Level> thresholds,
    double[] validationScores,
    Map<String, String> entries) {

  /**
   * One calibrated decision level.
   *
   * @param fnr q, the accepted fraction of rejected target images
   * @param threshold τ_q; a score above it means "not from the target"
   */
  public record Level(double fnr, double threshold) {}
}
