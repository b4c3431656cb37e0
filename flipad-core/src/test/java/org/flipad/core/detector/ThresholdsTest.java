package org.flipad.core.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** τ_q by linear interpolation (NumPy's default), p-values and the decision rule. */
class ThresholdsTest {

  // Unsorted on purpose; sorted: 1, 2, 4, 8, 16 (n = 5).
  private static final double[] SCORES = {8, 1, 16, 2, 4};

  @Test
  void shouldGiveTheLargestScoreWhenQIsZero() {
    assertThat(Thresholds.fromTargetScores(SCORES).threshold(0)).isEqualTo(16);
  }

  @Test
  void shouldInterpolateLinearlyBetweenOrderStatistics() {
    Thresholds thresholds = Thresholds.fromTargetScores(SCORES);
    // np.quantile([1,2,4,8,16], 0.95): h = 4·0.95 = 3.8 → 8 + 0.8·8 = 14.4
    assertThat(thresholds.threshold(0.05)).isCloseTo(14.4, within(1e-12));
    // 0.99: h = 3.96 → 8 + 0.96·8 = 15.68
    assertThat(thresholds.threshold(0.01)).isCloseTo(15.68, within(1e-12));
    // 0.995: h = 3.98 → 15.84; 0.999: h = 3.996 → 15.968
    assertThat(thresholds.threshold(0.005)).isCloseTo(15.84, within(1e-12));
    assertThat(thresholds.threshold(0.001)).isCloseTo(15.968, within(1e-12));
    // the median: h = 2 → 4; q = 0.625 → h = 1.5 → 3
    assertThat(thresholds.threshold(0.5)).isEqualTo(4);
    assertThat(thresholds.threshold(0.625)).isCloseTo(3, within(1e-12));
    assertThat(thresholds.threshold(1)).isEqualTo(1);
  }

  @Test
  void shouldCountValidationScoresAtLeastTheScoreWhenGivingPValues() {
    Thresholds thresholds = Thresholds.fromTargetScores(SCORES);
    assertThat(thresholds.pValue(100)).isEqualTo(1 / 6.0);
    assertThat(thresholds.pValue(16)).isEqualTo(2 / 6.0);
    assertThat(thresholds.pValue(5)).isEqualTo(3 / 6.0);
    assertThat(thresholds.pValue(4)).isEqualTo(4 / 6.0);
    assertThat(thresholds.pValue(0)).isEqualTo(1.0);
  }

  @Test
  void shouldJudgeOtherOnlyWhenTheScoreExceedsTheThreshold() {
    assertThat(Thresholds.isOther(16.0001, 16)).isTrue();
    assertThat(Thresholds.isOther(16, 16)).isFalse();
  }

  @Test
  void shouldRefuseALevelOutsideZeroToOne() {
    assertThatThrownBy(() -> Thresholds.fromTargetScores(SCORES).threshold(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("q is 5.0")
        .hasMessageContaining("[0, 1]");
  }

  @Property(tries = 200)
  void shouldLowerTheThresholdAsQGrows(
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = -1000, max = 1000) Integer> scores,
      @ForAll @DoubleRange(min = 0, max = 1) double q1,
      @ForAll @DoubleRange(min = 0, max = 1) double q2) {
    // Integer-valued scores keep the interpolation's differences exact.
    Thresholds thresholds =
        Thresholds.fromTargetScores(scores.stream().mapToDouble(Integer::doubleValue).toArray());
    double low = Math.min(q1, q2);
    double high = Math.max(q1, q2);
    assertThat(thresholds.threshold(high)).isLessThanOrEqualTo(thresholds.threshold(low));
  }
}
