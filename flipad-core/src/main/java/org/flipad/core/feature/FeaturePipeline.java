package org.flipad.core.feature;

import java.util.Objects;

/**
 * The fitted feature post-processing of FLIPAD.md section 3: optional 2×2 max-pool, then
 * standardisation with the target's μ and σ, then channel selection. Immutable and serialisable
 * with {@link FeaturePipelineJson}; fit it with {@link FeaturePipelineFitter}.
 *
 * <p>Shapes: input C×H×W → pooled C×H'×W' (H' = ⌊H/2⌋, W' = ⌊W/2⌋ when {@code maxPool}, else H, W)
 * → standardised C×H'×W' → selected k×H'×W'.
 *
 * @param inputShape C×H×W of the raw inverted features
 * @param maxPool whether the first stage is {@link MaxPool2x2}
 * @param standardiser fitted on the (pooled) shape
 * @param selection fitted on the (pooled) shape
 */
public record FeaturePipeline(
    FeatureShape inputShape,
    boolean maxPool,
    Standardiser standardiser,
    ChannelSelection selection) {

  /** Validates that each stage's input shape is the previous stage's output shape. */
  public FeaturePipeline {
    Objects.requireNonNull(inputShape, "inputShape");
    Objects.requireNonNull(standardiser, "standardiser");
    Objects.requireNonNull(selection, "selection");
    FeatureShape stageShape = maxPool ? MaxPool2x2.outputShape(inputShape) : inputShape;
    requireStageShape("standardiser", standardiser.shape(), stageShape, inputShape, maxPool);
    requireStageShape("channel selection", selection.inputShape(), stageShape, inputShape, maxPool);
  }

  /** Returns k×H'×W', the shape of {@link #apply}'s output. */
  public FeatureShape outputShape() {
    return selection.outputShape();
  }

  /**
   * Post-processes one sample.
   *
   * @param sample raw inverted features, [C, H, W] float32 in C order, finite
   * @return [k, H', W'] float32 in C order, a new array
   */
  public float[] apply(float[] sample) {
    // Checked here so that a bad value is reported at its index in the raw sample.
    FeatureChecks.requireSample(inputShape, sample, "Feature sample");
    float[] pooled = maxPool ? MaxPool2x2.apply(inputShape, sample) : sample;
    return selection.apply(standardiser.apply(pooled));
  }

  private static void requireStageShape(
      String stage, FeatureShape actual, FeatureShape expected, FeatureShape input, boolean pool) {
    if (!actual.equals(expected)) {
      throw new IllegalArgumentException(
          String.format(
              "The %s was fitted on %s features but the pipeline feeds it %s (input %s, %s). "
                  + "Fit every stage on the output of the stage before it, e.g. with "
                  + "FeaturePipelineFitter.",
              stage, actual, expected, input, pool ? "2×2 max-pooled" : "not pooled"));
    }
  }
}
