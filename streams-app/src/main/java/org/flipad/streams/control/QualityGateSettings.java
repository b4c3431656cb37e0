package org.flipad.streams.control;

import java.util.Locale;

/**
 * The RETRAIN quality gate's thresholds and its held-out draw (see {@link QualityGate}).
 *
 * @param tnrTolerance how far (absolute, 0.02 = 2 points) a candidate's share of refused negatives
 *     may fall below the active version's on any source, before the sampling slack; in [0, 1]
 * @param slackSigmas the sampling slack, in standard errors of the paired difference: with d
 *     held-out images judged differently by the two detectors out of n, the slack is {@code
 *     slackSigmas · √d / n} (McNemar's standard error); 0 turns it off; ≥ 0
 * @param minRealTnr a first version's (no active version) least share refused of real images at the
 *     operating FNR; in [0, 1]
 * @param minGeneratorTnr a first version's least share refused of each other generator's samples at
 *     the operating FNR; in [0, 1]
 * @param samples held-out images per source (and fresh target samples) the gate draws, ≥ 20
 * @param seed the gate's fixed seed: the same held-out images for every RETRAIN, never a training
 *     seed
 */
public record QualityGateSettings(
    double tnrTolerance,
    double slackSigmas,
    double minRealTnr,
    double minGeneratorTnr,
    int samples,
    long seed) {

  /** The gate's seed; far from the small seeds (and their offsets) RETRAIN commands use. */
  public static final long DEFAULT_SEED = 7_919_000_000_017L;

  /** Validates the fields. */
  public QualityGateSettings {
    fraction("tnrTolerance (--gate-tnr-tolerance)", tnrTolerance);
    fraction("minRealTnr (--gate-min-real-tnr)", minRealTnr);
    fraction("minGeneratorTnr (--gate-min-generator-tnr)", minGeneratorTnr);
    if (!(slackSigmas >= 0) || !Double.isFinite(slackSigmas)) {
      throw new IllegalArgumentException(
          "Quality gate slackSigmas (--gate-slack-sigmas) is "
              + slackSigmas
              + "; expected a finite number ≥ 0 (0 turns the sampling slack off).");
    }
    if (samples < 20) {
      throw new IllegalArgumentException(
          "Quality gate samples (--gate-samples) is "
              + samples
              + "; expected ≥ 20 held-out images per source (a share refused of fewer means"
              + " little). Raise it.");
    }
  }

  /**
   * The defaults: tolerance 0.02 plus 2 standard errors of slack; a first version must refuse ≥ 95
   * % of real images and ≥ 90 % of each other generator's samples at the operating FNR; 500
   * held-out images per source.
   *
   * <p>The minimums are the working targets of the product's recipe (docs/detectors.md): against
   * real photographs the detector must be nearly always right, since they are most of the uploads;
   * other generators are harder (their final layers can produce similar images), hence the lower
   * bar. 500 images resolve a share to ±2 points (2 standard errors at 0.95) and cost two
   * detectors' inversions of (2 + generators) × 500 images, a minute or two on 2 cores.
   */
  public static QualityGateSettings defaults() {
    return new QualityGateSettings(0.02, 2.0, 0.95, 0.90, 500, DEFAULT_SEED);
  }

  /** A copy with another tolerance. */
  public QualityGateSettings withTnrTolerance(double newTolerance) {
    return new QualityGateSettings(
        newTolerance, slackSigmas, minRealTnr, minGeneratorTnr, samples, seed);
  }

  /** A copy with another sampling slack. */
  public QualityGateSettings withSlackSigmas(double newSlackSigmas) {
    return new QualityGateSettings(
        tnrTolerance, newSlackSigmas, minRealTnr, minGeneratorTnr, samples, seed);
  }

  /** A copy with other first-version minimums. */
  public QualityGateSettings withMinimums(double newMinRealTnr, double newMinGeneratorTnr) {
    return new QualityGateSettings(
        tnrTolerance, slackSigmas, newMinRealTnr, newMinGeneratorTnr, samples, seed);
  }

  /** A copy with another number of held-out images per source. */
  public QualityGateSettings withSamples(int newSamples) {
    return new QualityGateSettings(
        tnrTolerance, slackSigmas, minRealTnr, minGeneratorTnr, newSamples, seed);
  }

  private static void fraction(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "Quality gate %s is %s; expected a fraction in [0, 1] (0.02 = 2 points).",
              name,
              value));
    }
  }
}
