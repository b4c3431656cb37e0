package org.flipad.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Validation, defensive copies and metrics of one comparison. */
class ComparisonTest {

  private static Comparison comparison(double[] target, double[] other, double threshold) {
    return new Comparison(
        "dcgan",
        "flipad",
        "none",
        "real",
        SourceGroup.REAL,
        false,
        0,
        target,
        other,
        threshold,
        threshold,
        1.0,
        Double.NaN);
  }

  @Test
  void shouldComputeItsMetricsFromItsScoresAndThreshold() {
    Comparison c = comparison(new double[] {1, 2, 3}, new double[] {2.5, 4}, 2.5);
    assertThat(c.accuracy()).isCloseTo(0.6, within(1e-12)); // see BinaryMetricsTest
    // Pairs with o > t: t=1: 2, t=2: 2, t=3: 1 (only 4) → 5 / 6.
    assertThat(c.auroc()).isCloseTo(5 / 6.0, within(1e-12));
    // fpr 1 %: k = ⌊0.02⌋ = 0, o₍₀₎ = 2.5; targets < 2.5: {1, 2} → 2/3.
    assertThat(c.tprAt1PercentFpr()).isCloseTo(2 / 3.0, within(1e-12));
  }

  @Test
  void shouldCountRefusedAndAttributedSharesAtItsThreshold() {
    Comparison c = comparison(new double[] {1, 2, 3, 4}, new double[] {2.5, 4, 5}, 2.5);
    assertThat(c.tnr()).isCloseTo(2 / 3.0, within(1e-12)); // 4 and 5 are above 2.5
    assertThat(c.tpr()).isCloseTo(0.5, within(1e-12)); // 1 and 2 are at or below 2.5
  }

  @Test
  void shouldCopyScoresSoCallersCannotChangeThem() {
    double[] target = {1, 2};
    Comparison c = comparison(target, new double[] {3}, 2.5);
    target[0] = 100;
    c.targetScores()[1] = 100;
    assertThat(c.targetScores()).containsExactly(1, 2);
  }

  @Test
  void shouldRefuseANegativeTimeWhenConstructed() {
    assertThatThrownBy(
            () ->
                new Comparison(
                    "dcgan",
                    "flipad",
                    "none",
                    "real",
                    SourceGroup.REAL,
                    false,
                    0,
                    new double[] {1},
                    new double[] {2},
                    1.5,
                    1.5,
                    -1,
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("featureSecondsPerImage is -1.0 s");
  }

  @Test
  void shouldRefuseABlankSourceWhenConstructed() {
    assertThatThrownBy(
            () ->
                new Comparison(
                    "dcgan",
                    "flipad",
                    "none",
                    " ",
                    SourceGroup.REAL,
                    false,
                    0,
                    new double[] {1},
                    new double[] {2},
                    1.5,
                    1.5,
                    0,
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Comparison.source is blank");
  }
}
