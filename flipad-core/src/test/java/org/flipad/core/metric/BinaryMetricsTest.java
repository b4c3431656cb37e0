package org.flipad.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Metrics against hand-computed values; target = positive class, lower score = more target. */
class BinaryMetricsTest {

  private static final double EPS = 1e-12;

  // Ties: target {1, 2, 2}, other {2, 3}.
  private static final double[] TIED_TARGET = {2, 1, 2};
  private static final double[] TIED_OTHER = {3, 2};

  @Test
  void shouldCountTiesAsHalfWhenComputingAuroc() {
    // Pairs (t, o) with o > t count 1, o = t count ½:
    // t=1: o=2 ✓, o=3 ✓ → 2; t=2: o=2 ½, o=3 ✓ → 1.5; t=2 again → 1.5. (2 + 1.5 + 1.5) / 6 = 5/6.
    assertThat(BinaryMetrics.auroc(TIED_TARGET, TIED_OTHER)).isCloseTo(5 / 6.0, within(EPS));
  }

  @Test
  void shouldPutTiedScoresAtOneThresholdWhenComputingAveragePrecision() {
    // Thresholds at 1, 2, 3 (ascending): v=1: TP 1, FP 0 → P 1, R 1/3;
    // v=2: TP 3, FP 1 → P 3/4, R 1; v=3: R stays 1 (adds 0).
    // AP = (1/3)·1 + (2/3)·(3/4) = 1/3 + 1/2 = 5/6.
    assertThat(BinaryMetrics.averagePrecision(TIED_TARGET, TIED_OTHER))
        .isCloseTo(5 / 6.0, within(EPS));
  }

  @Test
  void shouldMatchScikitLearnsDocumentedExample() {
    // sklearn docs: y_true = [0, 0, 1, 1], y_scores = [0.1, 0.4, 0.35, 0.8] give
    // average_precision_score = 0.8333… and roc_auc_score = 0.75. With s = 1 − y_score:
    // target {0.65, 0.2}, other {0.9, 0.6}.
    double[] target = {0.65, 0.2};
    double[] other = {0.9, 0.6};
    // Ascending: 0.2 (t) P 1 R ½; 0.6 (o); 0.65 (t) P 2/3 R 1; 0.9 (o). AP = ½·1 + ½·⅔ = 5/6.
    assertThat(BinaryMetrics.averagePrecision(target, other)).isCloseTo(5 / 6.0, within(EPS));
    // t=0.2 below both others → 2; t=0.65 below 0.9 only → 1. 3 / 4 = 0.75.
    assertThat(BinaryMetrics.auroc(target, other)).isCloseTo(0.75, within(EPS));
  }

  @Test
  void shouldGiveOneWhenSeparationIsPerfect() {
    double[] target = {1, 2, 3};
    double[] other = {4, 5};
    assertThat(BinaryMetrics.auroc(target, other)).isEqualTo(1.0);
    assertThat(BinaryMetrics.averagePrecision(target, other)).isEqualTo(1.0);
    assertThat(BinaryMetrics.tprAtFpr(target, other, 0)).isEqualTo(1.0);
  }

  @Test
  void shouldGiveZeroAurocAndLowPrecisionWhenReversed() {
    double[] target = {4, 5};
    double[] other = {1, 2, 3};
    assertThat(BinaryMetrics.auroc(target, other)).isEqualTo(0.0);
    // v=1,2,3: TP 0 (ΔR 0); v=4: TP 1, FP 3 → P 1/4, R ½; v=5: TP 2, FP 3 → P 2/5, R 1.
    // AP = ½·¼ + ½·⅖ = 0.125 + 0.2 = 0.325.
    assertThat(BinaryMetrics.averagePrecision(target, other)).isCloseTo(0.325, within(EPS));
    assertThat(BinaryMetrics.tprAtFpr(target, other, 0.5)).isEqualTo(0.0);
  }

  @Test
  void shouldGiveChanceAurocAndPrevalenceWhenAllScoresTie() {
    double[] target = {1, 1};
    double[] other = {1, 1, 1};
    assertThat(BinaryMetrics.auroc(target, other)).isEqualTo(0.5);
    // One threshold: P = 2/5, R = 1 → AP = 0.4 (sklearn gives the prevalence too).
    assertThat(BinaryMetrics.averagePrecision(target, other)).isCloseTo(0.4, within(EPS));
  }

  @Test
  void shouldPlaceTheThresholdJustBelowTheFirstDisallowedOtherScore() {
    double[] target = {1, 2, 3, 4, 5};
    double[] other = {7, 3, 8, 6};
    // fpr 0.25: k = ⌊0.25·4⌋ = 1, o₍₁₎ = 6; τ just below 6 accepts other {3} (1/4 ≤ 0.25)
    // and all five targets → 1.
    assertThat(BinaryMetrics.tprAtFpr(target, other, 0.25)).isEqualTo(1.0);
    // fpr 0.2: k = ⌊0.8⌋ = 0, o₍₀₎ = 3; targets < 3 are {1, 2} → 2/5. The tied target 3 is
    // rejected because τ ≥ 3 would accept other 3 (1/4 > 0.2).
    assertThat(BinaryMetrics.tprAtFpr(target, other, 0.2)).isCloseTo(0.4, within(EPS));
    assertThat(BinaryMetrics.tprAtFpr(target, other, 0)).isCloseTo(0.4, within(EPS));
    assertThat(BinaryMetrics.tprAtFpr(target, other, 1)).isEqualTo(1.0);
  }

  @Test
  void shouldExcludeAllTiedOtherScoresWhenTheyExceedTheRate() {
    // other {3, 3, 6, 7}, fpr 0.25: k = 1, o₍₁₎ = 3, so τ < 3 (τ = 3 accepts 2/4 = 0.5).
    // Targets < 3: {1, 2} of five → 0.4.
    double[] target = {1, 2, 3, 4, 5};
    assertThat(BinaryMetrics.tprAtFpr(target, new double[] {3, 3, 6, 7}, 0.25))
        .isCloseTo(0.4, within(EPS));
  }

  @Test
  void shouldNotLoseAnAllowedOtherSampleToRoundingWhenCountingTheRate() {
    // 0.29 · 100 = 28.999999999999996 in doubles; k must still be 29, so o₍₂₉₎ = 29 and the
    // target 28.5 (< 29) is accepted while 29 is not → ½.
    double[] other = IntStream.range(0, 100).asDoubleStream().toArray();
    assertThat(BinaryMetrics.tprAtFpr(new double[] {28.5, 29}, other, 0.29)).isEqualTo(0.5);
  }

  @Test
  void shouldAcceptScoresAtTheThresholdWhenComputingAccuracy() {
    // τ = 2.5: targets ≤ 2.5 are {1, 2} → 2 right; others > 2.5 are {4} → 1 right
    // (other 2.5 is accepted as target, wrong). (2 + 1) / 5 = 0.6.
    assertThat(BinaryMetrics.accuracy(new double[] {1, 2, 3}, new double[] {2.5, 4}, 2.5))
        .isCloseTo(0.6, within(EPS));
  }

  @Test
  void shouldListOnePointPerDistinctScoreWhenDrawingTheRocCurve() {
    // (0,0); v=1: (0, 1/3); v=2: (1/2, 1); v=3: (1, 1).
    RocCurve roc = BinaryMetrics.rocCurve(TIED_TARGET, TIED_OTHER);
    assertThat(roc.fpr()).containsExactly(0, 0, 0.5, 1);
    assertThat(roc.tpr()).containsExactly(new double[] {0, 1 / 3.0, 1, 1}, within(EPS));
  }

  @Test
  void shouldRefuseEmptyOrNonFiniteScores() {
    assertThatThrownBy(() -> BinaryMetrics.auroc(new double[0], new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No target scores");
    assertThatThrownBy(
            () -> BinaryMetrics.averagePrecision(new double[] {1}, new double[] {2, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other score at index 1 is NaN");
  }

  @Test
  void shouldRefuseAFalsePositiveRateOutsideZeroToOne() {
    assertThatThrownBy(() -> BinaryMetrics.tprAtFpr(new double[] {1}, new double[] {2}, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
  }
}
