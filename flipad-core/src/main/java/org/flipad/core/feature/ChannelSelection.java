package org.flipad.core.feature;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Keeps k of the C channels of a sample: those with the highest class-difference scores (FLIPAD.md
 * section 3 step 3). Immutable; arrays are copied in and out.
 *
 * <p>The kept channels appear in the output in ascending order of their original index, not in
 * score order, so the spatial layout the detector's convolutions see does not depend on the ranking
 * and keeping all C channels is exactly the identity.
 *
 * @param inputShape C×H×W of the standardised samples it applies to
 * @param scores s_c per channel, [C] float64, finite (see {@link ChannelSelectionFitter#scores})
 * @param keptChannels the kept channel indices, [k] with 1 ≤ k ≤ C, strictly ascending, in [0, C)
 */
public record ChannelSelection(FeatureShape inputShape, double[] scores, int[] keptChannels) {

  /** Validates the parameters and copies the arrays. */
  public ChannelSelection {
    Objects.requireNonNull(inputShape, "inputShape");
    scores = requireScores(inputShape, scores);
    keptChannels = requireKept(inputShape, keptChannels);
  }

  /**
   * Keeps the {@code k} channels with the highest scores; equal scores go to the lower channel
   * index, so the result is deterministic.
   *
   * @param inputShape C×H×W of the samples
   * @param scores s_c per channel, [C] float64, finite
   * @param k how many channels to keep, 1 ≤ k ≤ C (k = C keeps all: the identity)
   */
  public static ChannelSelection topK(FeatureShape inputShape, double[] scores, int k) {
    requireK(inputShape, k);
    double[] checked = requireScores(inputShape, scores);
    Comparator<Integer> byScoreDescending = (a, b) -> Double.compare(checked[b], checked[a]);
    Comparator<Integer> byScoreThenIndex = byScoreDescending.thenComparingInt(c -> c);
    int[] kept =
        IntStream.range(0, inputShape.channels())
            .boxed()
            .sorted(byScoreThenIndex)
            .limit(k)
            .mapToInt(Integer::intValue)
            .sorted()
            .toArray();
    return new ChannelSelection(inputShape, checked, kept);
  }

  /** Returns s_c, [C] float64, a copy. */
  @Override
  public double[] scores() {
    return scores.clone();
  }

  /** Returns the kept channel indices in ascending order, [k], a copy. */
  @Override
  public int[] keptChannels() {
    return keptChannels.clone();
  }

  /** Returns k×H×W. */
  public FeatureShape outputShape() {
    return inputShape.withChannels(keptChannels.length);
  }

  /**
   * Copies the kept channels of one sample.
   *
   * @param sample [C, H, W] float32 in C order, finite
   * @return [k, H, W] float32 in C order, channels in ascending original index, a new array
   */
  public float[] apply(float[] sample) {
    FeatureChecks.requireSample(inputShape, sample, "Sample for channel selection");
    int plane = inputShape.planeSize();
    float[] selected = new float[keptChannels.length * plane];
    for (int i = 0; i < keptChannels.length; i++) {
      System.arraycopy(sample, keptChannels[i] * plane, selected, i * plane, plane);
    }
    return selected;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChannelSelection s
        && inputShape.equals(s.inputShape)
        && Arrays.equals(scores, s.scores)
        && Arrays.equals(keptChannels, s.keptChannels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * inputShape.hashCode() + Arrays.hashCode(scores))
        + Arrays.hashCode(keptChannels);
  }

  @Override
  public String toString() {
    return String.format(
        "ChannelSelection[inputShape=%s, keptChannels=%s]",
        inputShape, Arrays.toString(keptChannels));
  }

  /** Checks 1 ≤ k ≤ C with a message that says how to fix it. */
  static void requireK(FeatureShape inputShape, int k) {
    if (k < 1 || k > inputShape.channels()) {
      throw new IllegalArgumentException(
          String.format(
              "Cannot keep %d channels of features %s; expected k between 1 and %d. "
                  + "Choose k in that range, or FeaturePipelineSettings.KEEP_ALL_CHANNELS (0) "
                  + "to keep all.",
              k, inputShape, inputShape.channels()));
    }
  }

  private static double[] requireScores(FeatureShape inputShape, double[] scores) {
    Objects.requireNonNull(scores, "scores");
    if (scores.length != inputShape.channels()) {
      throw new IllegalArgumentException(
          String.format(
              "Channel selection has %d scores; expected %d, one per channel of %s. "
                  + "Score the channels of features of that shape.",
              scores.length, inputShape.channels(), inputShape));
    }
    for (int c = 0; c < scores.length; c++) {
      if (!Double.isFinite(scores[c])) {
        throw new IllegalArgumentException(
            String.format(
                "Channel %d has score %s; expected a finite value. Refit the selection.",
                c, scores[c]));
      }
    }
    return scores.clone();
  }

  private static int[] requireKept(FeatureShape inputShape, int[] kept) {
    Objects.requireNonNull(kept, "keptChannels");
    requireK(inputShape, kept.length);
    for (int i = 0; i < kept.length; i++) {
      boolean inRange = kept[i] >= 0 && kept[i] < inputShape.channels();
      if (!inRange || (i > 0 && kept[i] <= kept[i - 1])) {
        throw new IllegalArgumentException(
            String.format(
                "Kept channels %s are not strictly ascending indices in [0, %d) of %s. "
                    + "Build the selection with ChannelSelection.topK.",
                Arrays.toString(kept), inputShape.channels(), inputShape));
      }
    }
    return kept.clone();
  }
}
