package org.flipad.core.attribution;

import org.flipad.core.detector.DeepSadModel;
import org.flipad.core.detector.Thresholds;
import org.flipad.core.feature.FeaturePipeline;

/**
 * One trained detector in memory: the fitted feature scaling, the DeepSAD network with its centre,
 * and the thresholds calibrated on held-out target scores. Scores are ‖φ(scale(x)) − c‖²; larger
 * means less like the target. Owns the model; close releases it.
 *
 * @param scalingOrNull the fitted scaling, or null when the method uses raw features
 * @param model the DeepSAD network and c
 * @param thresholds τ_q and p-values from the validation target scores
 */
public record DeepSadDetector(
    FeaturePipeline scalingOrNull, DeepSadModel model, Thresholds thresholds)
    implements AutoCloseable {

  /**
   * Scores features (as the extractor produced them, before scaling).
   *
   * @param features [N][C·H·W] float32
   * @return N scores
   */
  public double[] score(float[][] features) {
    return model.score(scale(scalingOrNull, features));
  }

  /** The features after the scaling (unchanged when there is none). */
  static float[][] scale(FeaturePipeline scalingOrNull, float[][] features) {
    if (scalingOrNull == null) {
      return features;
    }
    float[][] scaled = new float[features.length][];
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = scalingOrNull.apply(features[i]);
    }
    return scaled;
  }

  @Override
  public void close() {
    model.close();
  }
}
