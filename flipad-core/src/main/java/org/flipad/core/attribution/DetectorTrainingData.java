package org.flipad.core.attribution;

import org.flipad.core.feature.FeatureShape;

/**
 * The features one detector is trained and calibrated on.
 *
 * @param shape C×H×W of every row
 * @param scaling how the method scales features
 * @param maxPool 2×2 max-pool before standardising (FLIPAD on large maps)
 * @param targets the target's training features, ≥ 2 rows
 * @param negatives the other source's training features, ≥ 1 row
 * @param validation held-out target features for the thresholds, ≥ 1 row
 */
public record DetectorTrainingData(
    FeatureShape shape,
    FeatureScaling scaling,
    boolean maxPool,
    float[][] targets,
    float[][] negatives,
    float[][] validation) {

  /** Validates the counts. */
  public DetectorTrainingData {
    if (targets.length < 2 || negatives.length < 1 || validation.length < 1) {
      throw new IllegalArgumentException(
          String.format(
              "A detector needs ≥ 2 target, ≥ 1 negative and ≥ 1 validation samples; got %d, %d"
                  + " and %d. Draw more samples.",
              targets.length, negatives.length, validation.length));
    }
  }
}
