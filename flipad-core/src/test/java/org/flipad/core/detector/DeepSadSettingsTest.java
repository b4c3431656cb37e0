package org.flipad.core.detector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeepSadSettingsTest {

  @Test
  void shouldTrainFeaturesWithThePapersRecipeInBatchesOf32AndTheDropAfterHalfTheEpochs() {
    DeepSadSettings paper = DeepSadSettings.defaults(7);
    DeepSadSettings features = DeepSadSettings.forFeatures(7, 10);

    assertThat(features.batchSize()).isEqualTo(32);
    assertThat(features.epochs()).isEqualTo(10);
    assertThat(features.milestoneEpoch()).isEqualTo(5);
    assertThat(features.adam()).isEqualTo(paper.adam());
    assertThat(features.architecture()).isEqualTo(paper.architecture());
    assertThat(features.seed()).isEqualTo(7);
  }

  @Test
  void shouldKeepTheMilestoneAtLeastOneForASingleEpoch() {
    assertThat(DeepSadSettings.forFeatures(1, 1).milestoneEpoch()).isEqualTo(1);
  }
}
