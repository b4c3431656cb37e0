package org.flipad.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelSelectionTest {

  private static final FeatureShape SHAPE = new FeatureShape(6, 3, 3);

  @Test
  void shouldKeepThePlantedChannelsWhenTheClassesDifferOnlyThere() {
    ChannelSelectionFitter fitter = new ChannelSelectionFitter(SHAPE);
    TestFeatures.gaussian(SHAPE, 200, 0, 1, 1).forEach(fitter::addPositive);
    List<float[]> negatives = TestFeatures.gaussian(SHAPE, 200, 0, 1, 2);
    TestFeatures.shiftChannel(SHAPE, negatives, 4, 3f);
    TestFeatures.shiftChannel(SHAPE, negatives, 1, -2f);
    negatives.forEach(fitter::addNegative);

    ChannelSelection selection = fitter.fit(2);

    assertThat(selection.keptChannels()).containsExactly(1, 4);
    assertThat(selection.scores()[4]).isCloseTo(3, within(0.5));
    assertThat(selection.scores()[1]).isCloseTo(2, within(0.5));
    assertThat(selection.outputShape()).isEqualTo(new FeatureShape(2, 3, 3));
  }

  @Test
  void shouldKeepTheLowerChannelIndexWhenScoresTie() {
    FeatureShape shape = new FeatureShape(5, 1, 1);
    double[] scores = {1, 2, 0, 2, 2};

    assertThat(ChannelSelection.topK(shape, scores, 1).keptChannels()).containsExactly(1);
    assertThat(ChannelSelection.topK(shape, scores, 2).keptChannels()).containsExactly(1, 3);
    assertThat(ChannelSelection.topK(shape, scores, 4).keptChannels()).containsExactly(0, 1, 3, 4);
    assertThat(ChannelSelection.topK(shape, new double[5], 3).keptChannels())
        .containsExactly(0, 1, 2);
  }

  @Test
  void shouldCopyKeptChannelsInAscendingOriginalOrderWhenApplied() {
    FeatureShape shape = new FeatureShape(4, 1, 2);
    ChannelSelection selection = ChannelSelection.topK(shape, new double[] {0, 5, 1, 9}, 2);

    float[] selected = selection.apply(new float[] {0, 0, 10, 11, 20, 21, 30, 31});

    assertThat(selected).containsExactly(10, 11, 30, 31); // channel 1 before channel 3
  }

  @Test
  void shouldBeTheIdentityWhenAllChannelsAreKept() {
    float[] sample = TestFeatures.gaussian(SHAPE, 1, 0, 1, 3).get(0);
    ChannelSelection selection = ChannelSelection.topK(SHAPE, new double[] {3, 1, 4, 1, 5, 9}, 6);

    assertThat(selection.keptChannels()).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(TestFeatures.bits(selection.apply(sample))).isEqualTo(TestFeatures.bits(sample));
  }

  @Test
  void shouldRefuseKWhenOutOfRange() {
    assertThatThrownBy(() -> ChannelSelection.topK(SHAPE, new double[6], 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot keep 7 channels of features 6×3×3")
        .hasMessageContaining("between 1 and 6");
    assertThatThrownBy(() -> ChannelSelection.topK(SHAPE, new double[6], 0))
        .hasMessageContaining("Cannot keep 0 channels");
  }

  @Test
  void shouldRefuseKeptChannelsWhenNotStrictlyAscending() {
    assertThatThrownBy(() -> new ChannelSelection(SHAPE, new double[6], new int[] {3, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[3, 1] are not strictly ascending indices in [0, 6)");
  }

  @Test
  void shouldRefuseFitWhenAClassHasNoSamples() {
    ChannelSelectionFitter fitter = new ChannelSelectionFitter(SHAPE);
    fitter.addPositive(new float[SHAPE.size()]);

    assertThatThrownBy(() -> fitter.fit(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 target and 0 negative samples")
        .hasMessageContaining("at least one sample of each");
  }

  @Test
  void shouldGiveTheSameSelectionWhenFedBatchesOrSingleSamples() {
    List<float[]> positives = TestFeatures.gaussian(SHAPE, 2, 0, 1, 4);
    List<float[]> negatives = TestFeatures.gaussian(SHAPE, 2, 1, 1, 5);
    ChannelSelectionFitter singles = new ChannelSelectionFitter(SHAPE);
    ChannelSelectionFitter batches = new ChannelSelectionFitter(SHAPE);
    positives.forEach(singles::addPositive);
    negatives.forEach(singles::addNegative);

    batches.addPositiveBatch(concat(positives));
    batches.addNegativeBatch(concat(negatives));

    assertThat(batches.fit(3)).isEqualTo(singles.fit(3));
  }

  @Test
  void shouldHoldOnlyShapeSizedStateWhenManySamplesAreAdded() {
    ChannelSelectionFitter fitter = new ChannelSelectionFitter(SHAPE);

    TestFeatures.gaussian(SHAPE, 3000, 0, 1, 6).forEach(fitter::addPositive);
    TestFeatures.gaussian(SHAPE, 3000, 0, 1, 8).forEach(fitter::addNegative);

    TestFeatures.assertStateBoundedBy(fitter, SHAPE.size());
    assertThat(fitter.positiveCount()).isEqualTo(3000);
  }

  private static float[] concat(List<float[]> samples) {
    float[] a = samples.get(0);
    float[] b = samples.get(1);
    float[] batch = new float[a.length + b.length];
    System.arraycopy(a, 0, batch, 0, a.length);
    System.arraycopy(b, 0, batch, a.length, b.length);
    return batch;
  }
}
