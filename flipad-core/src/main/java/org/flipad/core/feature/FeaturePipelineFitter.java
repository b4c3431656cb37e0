package org.flipad.core.feature;

import java.util.Objects;

/**
 * Fits a {@link FeaturePipeline} from streamed training features in two passes.
 *
 * <ol>
 *   <li>Pass 1 reads the target features once: (max-pool →) Welford μ and unbiased σ.
 *   <li>Pass 2 reads the target features again and the negatives once: (max-pool →) standardise
 *       with pass 1's μ, σ → running class means m₊, m₋ → channel scores → top k.
 * </ol>
 *
 * <p>Pass 2 needs μ and σ, hence the second read of the targets; memory stays O(C·H·W) whatever the
 * number of samples. The target {@code Iterable} must therefore yield the same samples each time it
 * is iterated (e.g. re-open the file in {@code iterator()}); a second pass that yields a different
 * count is refused. Pass 2 runs even when all channels are kept, so that the scores are recorded
 * and the negatives are validated.
 */
public final class FeaturePipelineFitter {

  private final FeatureShape inputShape;
  private final FeaturePipelineSettings settings;

  /**
   * Creates a fitter.
   *
   * @param inputShape C×H×W of the raw inverted features
   * @param settings pooling, ε and k
   */
  public FeaturePipelineFitter(FeatureShape inputShape, FeaturePipelineSettings settings) {
    this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Fits the pipeline.
   *
   * @param targets the target's training features, each [C, H, W] float32; iterated twice, ≥ 2
   * @param negatives the other source's training features, each [C, H, W] float32; iterated once
   * @throws IllegalArgumentException for a malformed sample, k out of range, or a target iterable
   *     that yields a different count on its second pass
   * @throws IllegalStateException if there are fewer than 2 targets or no negatives
   */
  public FeaturePipeline fit(Iterable<float[]> targets, Iterable<float[]> negatives) {
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(negatives, "negatives");
    FeatureShape stageShape = settings.maxPool() ? MaxPool2x2.outputShape(inputShape) : inputShape;
    int k = settings.keptChannelsOf(stageShape.channels());
    ChannelSelection.requireK(stageShape, k); // fail before reading any data
    Standardiser standardiser = fitStandardiser(stageShape, targets);
    ChannelSelection selection = fitSelection(standardiser, targets, negatives).fit(k);
    return new FeaturePipeline(inputShape, settings.maxPool(), standardiser, selection);
  }

  private Standardiser fitStandardiser(FeatureShape stageShape, Iterable<float[]> targets) {
    StandardiserFitter fitter = new StandardiserFitter(stageShape, settings.standardiser());
    for (float[] sample : targets) {
      fitter.add(pool(sample));
    }
    return fitter.fit();
  }

  private ChannelSelectionFitter fitSelection(
      Standardiser standardiser, Iterable<float[]> targets, Iterable<float[]> negatives) {
    ChannelSelectionFitter fitter = new ChannelSelectionFitter(standardiser.shape());
    for (float[] sample : targets) {
      fitter.addPositive(standardiser.apply(pool(sample)));
    }
    if (fitter.positiveCount() != standardiser.sampleCount()) {
      throw new IllegalArgumentException(
          String.format(
              "The target features yielded %d samples on the first pass but %d on the second; "
                  + "fitting reads them twice. Pass an Iterable whose iterator() starts over "
                  + "(e.g. re-opens the file), not a one-shot stream.",
              standardiser.sampleCount(), fitter.positiveCount()));
    }
    for (float[] sample : negatives) {
      fitter.addNegative(standardiser.apply(pool(sample)));
    }
    return fitter;
  }

  private float[] pool(float[] sample) {
    if (!settings.maxPool()) {
      return sample; // the next stage checks it
    }
    return MaxPool2x2.apply(inputShape, sample);
  }
}
