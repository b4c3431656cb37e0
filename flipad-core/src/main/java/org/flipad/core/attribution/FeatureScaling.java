package org.flipad.core.attribution;

import java.util.Arrays;
import java.util.List;
import org.flipad.core.feature.ChannelSelection;
import org.flipad.core.feature.FeaturePipeline;
import org.flipad.core.feature.FeaturePipelineFitter;
import org.flipad.core.feature.FeaturePipelineSettings;
import org.flipad.core.feature.FeatureShape;
import org.flipad.core.feature.Standardiser;
import org.flipad.core.feature.StandardiserFitter;
import org.flipad.core.feature.StandardiserSettings;

/**
 * How a method scales its features before DeepSAD, as the reference does for each method (FLIPAD.md
 * sections 3 and 6).
 */
public enum FeatureScaling {
  /**
   * FLIPAD: optional 2×2 max-pool, then (x − μ)/(σ + 0.05) with μ, σ of the target's training
   * features only; all channels kept.
   */
  TARGET_STANDARDISED,
  /** DCTPAD: (x − μ)/(σ + 1e-6) with μ, σ over the training features of both classes. */
  POOLED_STANDARDISED,
  /** RawPAD: the features as they are. */
  NONE;

  /** ε of {@link #POOLED_STANDARDISED}: only guards constant coefficients against 0/0. */
  static final double POOLED_EPSILON = 1e-6;

  /**
   * Fits the scaling.
   *
   * @param shape C×H×W of the features
   * @param maxPool 2×2 max-pool first (FLIPAD only, for large maps such as LSGAN's 64×28×28)
   * @param targets the target's training features
   * @param negatives the other class's training features
   * @return the fitted pipeline, or null for {@link #NONE}
   */
  public FeaturePipeline fit(
      FeatureShape shape, boolean maxPool, float[][] targets, float[][] negatives) {
    switch (this) {
      case TARGET_STANDARDISED:
        FeaturePipelineSettings settings = FeaturePipelineSettings.defaults().withMaxPool(maxPool);
        return new FeaturePipelineFitter(shape, settings)
            .fit(Arrays.asList(targets), Arrays.asList(negatives));
      case POOLED_STANDARDISED:
        StandardiserFitter fitter =
            new StandardiserFitter(shape, new StandardiserSettings(POOLED_EPSILON));
        fitter.addAll(List.of(targets));
        fitter.addAll(List.of(negatives));
        Standardiser standardiser = fitter.fit();
        double[] equal = new double[shape.channels()];
        ChannelSelection all = ChannelSelection.topK(shape, equal, shape.channels());
        return new FeaturePipeline(shape, false, standardiser, all);
      default:
        return null;
    }
  }
}
