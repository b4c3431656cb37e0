package org.flipad.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flipad.core.detector.LogScoreScale;
import org.junit.jupiter.api.Test;

class ScoreFusionTest {

  private static MethodScores scores(double[] validation, double[] target, double[] other) {
    return new MethodScores(null, validation, target, Map.of("other", other), 0.001, 0.002);
  }

  /** Scores e^0, e^0.1, …, e^10: their logarithms are evenly spread, median 5, 95th pct 9.5. */
  private static double[] logUniform() {
    double[] scores = new double[101];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = Math.exp(i / 10.0);
    }
    return scores;
  }

  private static double[] reversed(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[values.length - 1 - i];
    }
    return out;
  }

  /**
   * The share of {@code scores} above the (1 − fnr) nearest-rank quantile of {@code validation}.
   */
  private static boolean refusedAt(double score, double[] validation, double fnr) {
    double[] sorted = validation.clone();
    Arrays.sort(sorted);
    return score > sorted[(int) Math.ceil((1 - fnr) * sorted.length) - 1];
  }

  @Test
  void shouldStandardiseTheLogarithmsOfTheValidationScores() {
    LogScoreScale scale = LogScoreScale.fit(logUniform());
    assertThat(scale.median()).isCloseTo(5.0, within(1e-12));
    assertThat(scale.spread()).isCloseTo(4.5, within(1e-12));
  }

  @Test
  void shouldAverageTheStandardisedLogScores() {
    MethodScores a = scores(logUniform(), new double[] {Math.exp(5)}, new double[] {Math.exp(14)});
    MethodScores b = scores(logUniform(), new double[] {Math.exp(5)}, new double[] {Math.exp(5)});
    MethodScores fused = ScoreFusion.fuse(List.of(a, b), null);
    // A: (14 − 5)/4.5 = 2; B: 0; the mean 1.
    assertThat(fused.sources().get("other")[0]).isCloseTo(1.0, within(1e-12));
    assertThat(fused.target()[0]).isCloseTo(0.0, within(1e-12));
    assertThat(fused.featureSecondsPerImage()).isEqualTo(0.002);
    assertThat(fused.scoringSecondsPerImage()).isEqualTo(0.004);
  }

  @Test
  void shouldRefuseAnImageBothMethodsFindSomewhatUnusualThoughNeitherWouldAlone() {
    // The methods disagree on which target images are unusual (B ranks them in reverse), so
    // the fused validation scores are tight; an image both put at their 90th percentile stands out.
    double[] validationA = logUniform();
    double[] validationB = reversed(logUniform());
    double other = Math.exp(9);
    assertThat(refusedAt(other, validationA, 0.05)).isFalse();
    assertThat(refusedAt(other, validationB, 0.05)).isFalse();
    MethodScores fused =
        ScoreFusion.fuse(
            List.of(
                scores(validationA, new double[] {1}, new double[] {other}),
                scores(validationB, new double[] {1}, new double[] {other})),
            null);
    assertThat(refusedAt(fused.sources().get("other")[0], fused.validation(), 0.05)).isTrue();
  }

  @Test
  void shouldNotRefuseWhatNeitherMethodFindsUnusual() {
    double[] validationA = logUniform();
    double[] validationB = reversed(logUniform());
    MethodScores fused =
        ScoreFusion.fuse(
            List.of(
                scores(validationA, new double[] {1}, new double[] {Math.exp(3)}),
                scores(validationB, new double[] {1}, new double[] {Math.exp(4)})),
            null);
    assertThat(refusedAt(fused.sources().get("other")[0], fused.validation(), 0.05)).isFalse();
  }

  @Test
  void shouldKeepAScoreOfZeroFiniteAndRefuseNegativeScores() {
    MethodScores zero = scores(logUniform(), new double[] {0}, new double[] {1});
    assertThat(ScoreFusion.fuse(List.of(zero), null).target()[0]).isFinite();
    MethodScores negative = scores(logUniform(), new double[] {1}, new double[] {-0.5});
    assertThatThrownBy(() -> ScoreFusion.fuse(List.of(negative), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-0.5")
        .hasMessageContaining("never negative");
  }

  @Test
  void shouldRefuseToFuseDifferentImageSets() {
    MethodScores a = scores(logUniform(), new double[] {1, 2}, new double[] {1});
    MethodScores b = scores(logUniform(), new double[] {1}, new double[] {1});
    assertThatThrownBy(() -> ScoreFusion.fuse(List.of(a, b), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different image sets");
  }
}
