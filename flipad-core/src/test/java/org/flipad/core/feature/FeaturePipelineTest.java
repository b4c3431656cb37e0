package org.flipad.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturePipelineTest {

  private static final FeatureShape RAW = new FeatureShape(4, 5, 4);
  private static final FeaturePipelineSettings POOL_KEEP_2 =
      FeaturePipelineSettings.defaults().withMaxPool(true).withKeptChannels(2);

  private final List<float[]> targets = TestFeatures.gaussian(RAW, 60, 0.5, 1, 11);
  private final List<float[]> negatives =
      TestFeatures.shiftChannel(RAW, TestFeatures.gaussian(RAW, 60, 0.5, 1, 12), 2, 4f);

  @Test
  void shouldPoolStandardiseAndSelectWhenFitted() {
    FeaturePipeline pipeline = new FeaturePipelineFitter(RAW, POOL_KEEP_2).fit(targets, negatives);
    float[] sample = negatives.get(0);

    float[] out = pipeline.apply(sample);

    FeatureShape pooled = new FeatureShape(4, 2, 2);
    float[] expected =
        pipeline.selection().apply(pipeline.standardiser().apply(MaxPool2x2.apply(RAW, sample)));
    assertThat(pipeline.outputShape()).isEqualTo(new FeatureShape(2, 2, 2));
    assertThat(pipeline.standardiser().shape()).isEqualTo(pooled);
    assertThat(pipeline.standardiser().sampleCount()).isEqualTo(60);
    assertThat(pipeline.selection().keptChannels()).contains(2);
    assertThat(TestFeatures.bits(out)).isEqualTo(TestFeatures.bits(expected));
  }

  @Test
  void shouldKeepEveryChannelWhenSettingsAreDefault() {
    FeaturePipeline pipeline =
        new FeaturePipelineFitter(RAW, FeaturePipelineSettings.defaults()).fit(targets, negatives);

    assertThat(pipeline.outputShape()).isEqualTo(RAW);
    assertThat(pipeline.selection().keptChannels()).containsExactly(0, 1, 2, 3);
    assertThat(pipeline.maxPool()).isFalse();
  }

  @Test
  void shouldReproduceOutputsBitForBitWhenReadBackFromJson() {
    FeaturePipeline pipeline = new FeaturePipelineFitter(RAW, POOL_KEEP_2).fit(targets, negatives);

    FeaturePipeline fromString = FeaturePipelineJson.fromJson(FeaturePipelineJson.toJson(pipeline));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FeaturePipelineJson.write(pipeline, bytes);
    FeaturePipeline fromStream =
        FeaturePipelineJson.read(new ByteArrayInputStream(bytes.toByteArray()));

    assertThat(fromString).isEqualTo(pipeline);
    assertThat(fromStream).isEqualTo(pipeline);
    for (float[] sample : TestFeatures.gaussian(RAW, 20, 0, 3, 13)) {
      int[] expected = TestFeatures.bits(pipeline.apply(sample));
      assertThat(TestFeatures.bits(fromString.apply(sample))).isEqualTo(expected);
      assertThat(TestFeatures.bits(fromStream.apply(sample))).isEqualTo(expected);
    }
  }

  @Test
  void shouldRefuseJsonWhenAFieldIsMissingOrInvalid() {
    String json = FeaturePipelineJson.toJson(fit(FeaturePipelineSettings.defaults()));

    assertThatThrownBy(() -> FeaturePipelineJson.fromJson(json.replace("\"maxPool\"", "\"pool\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Feature pipeline JSON could not be read")
        .hasMessageContaining("Missing creator property 'maxPool'");
    assertThatThrownBy(
            () -> FeaturePipelineJson.fromJson(json.replace("\"epsilon\":0.05", "\"epsilon\":-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("epsilon is -1.0");
  }

  @Test
  void shouldRefusePipelineWhenStageShapesDoNotMatch() {
    FeaturePipeline unpooled = fit(FeaturePipelineSettings.defaults());

    assertThatThrownBy(
            () -> new FeaturePipeline(RAW, true, unpooled.standardiser(), unpooled.selection()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("standardiser was fitted on 4×5×4 features")
        .hasMessageContaining("feeds it 4×2×2")
        .hasMessageContaining("2×2 max-pooled");
  }

  @Test
  void shouldRefuseFitWhenTheTargetsCannotBeReadTwice() {
    Iterator<float[]> oneShot = targets.iterator();
    Iterable<float[]> streamOnce = () -> oneShot;

    assertThatThrownBy(() -> new FeaturePipelineFitter(RAW, POOL_KEEP_2).fit(streamOnce, negatives))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("60 samples on the first pass but 0 on the second")
        .hasMessageContaining("iterator() starts over");
  }

  @Test
  void shouldRefuseFitBeforeReadingDataWhenKExceedsTheChannels() {
    Iterable<float[]> unreadable =
        () -> {
          throw new AssertionError("data must not be read when k is invalid");
        };
    FeaturePipelineFitter fitter =
        new FeaturePipelineFitter(RAW, FeaturePipelineSettings.defaults().withKeptChannels(5));

    assertThatThrownBy(() -> fitter.fit(unreadable, unreadable))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot keep 5 channels of features 4×5×4");
  }

  @Test
  void shouldRefuseSettingsWhenKeptChannelsIsNegative() {
    assertThatThrownBy(() -> FeaturePipelineSettings.defaults().withKeptChannels(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keptChannels is -1")
        .hasMessageContaining("KEEP_ALL_CHANNELS");
  }

  @Test
  void shouldReportTheRawIndexWhenAnInputValueIsNotFinite() {
    FeaturePipeline pipeline = fit(POOL_KEEP_2);
    float[] sample = new float[RAW.size()];
    sample[RAW.index(3, 4, 1)] = Float.NaN; // in the row that pooling drops

    assertThatThrownBy(() -> pipeline.apply(sample))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Feature sample holds NaN at index 77 (channel 3, row 4, column 1)");
  }

  @Test
  void shouldRefuseSampleWhenLengthDoesNotMatchTheInputShape() {
    FeaturePipeline pipeline = fit(POOL_KEEP_2);

    assertThatThrownBy(() -> pipeline.apply(new float[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Feature sample has 16 values; expected 80 for one 4×5×4");
  }

  private FeaturePipeline fit(FeaturePipelineSettings settings) {
    return new FeaturePipelineFitter(RAW, settings).fit(targets, negatives);
  }
}
