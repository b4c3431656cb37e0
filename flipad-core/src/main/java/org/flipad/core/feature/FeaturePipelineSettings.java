package org.flipad.core.feature;

import java.util.Objects;

/**
 * Settings for fitting a {@link FeaturePipeline}.
 *
 * @param maxPool whether to 2×2 max-pool first (true for LSGAN's 64×64×64 features)
 * @param standardiser ε of the standardisation
 * @param keptChannels k, how many channels to keep; {@link #KEEP_ALL_CHANNELS} (0) keeps all C (the
 *     GAN setting); otherwise 1 ≤ k ≤ C, checked against C when fitting (3 of 128 for SD)
 */
public record FeaturePipelineSettings(
    boolean maxPool, StandardiserSettings standardiser, int keptChannels) {

  /** The value of {@code keptChannels} that keeps every channel. */
  public static final int KEEP_ALL_CHANNELS = 0;

  /** Validates the settings; k's upper bound is checked when the channel count is known. */
  public FeaturePipelineSettings {
    Objects.requireNonNull(standardiser, "standardiser");
    if (keptChannels < 0) {
      throw new IllegalArgumentException(
          String.format(
              "Feature pipeline keptChannels is %d; expected %d (keep all channels) or a "
                  + "channel count k ≥ 1. Pass KEEP_ALL_CHANNELS or a positive k.",
              keptChannels, KEEP_ALL_CHANNELS));
    }
  }

  /** Returns no pooling, ε = 0.05, all channels kept: the reference GAN setting. */
  public static FeaturePipelineSettings defaults() {
    return new FeaturePipelineSettings(false, StandardiserSettings.defaults(), KEEP_ALL_CHANNELS);
  }

  /** Returns a copy with {@code maxPool} replaced. */
  public FeaturePipelineSettings withMaxPool(boolean newMaxPool) {
    return new FeaturePipelineSettings(newMaxPool, standardiser, keptChannels);
  }

  /** Returns a copy with the standardiser settings replaced. */
  public FeaturePipelineSettings withStandardiser(StandardiserSettings newStandardiser) {
    return new FeaturePipelineSettings(maxPool, newStandardiser, keptChannels);
  }

  /** Returns a copy with k replaced ({@link #KEEP_ALL_CHANNELS} keeps all). */
  public FeaturePipelineSettings withKeptChannels(int newKeptChannels) {
    return new FeaturePipelineSettings(maxPool, standardiser, newKeptChannels);
  }

  /** Returns k for features with {@code channels} channels: C when all are kept. */
  int keptChannelsOf(int channels) {
    return keptChannels == KEEP_ALL_CHANNELS ? channels : keptChannels;
  }
}
