package org.flipad.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Mean and sample standard deviation (n − 1) and their formatting. */
class MeanStdTest {

  @Test
  void shouldUseNMinusOneWhenComputingTheStandardDeviation() {
    // {1, 2, 3, 4}: mean 2.5; squares 2.25 + 0.25 + 0.25 + 2.25 = 5; 5 / 3 → √(5/3) = 1.29099…
    MeanStd stats = MeanStd.of(new double[] {1, 2, 3, 4});
    assertThat(stats.mean()).isEqualTo(2.5);
    assertThat(stats.std()).isCloseTo(Math.sqrt(5 / 3.0), within(1e-12));
    assertThat(stats.n()).isEqualTo(4);
    assertThat(stats.format(1)).isEqualTo("2.5 ± 1.3");
  }

  @Test
  void shouldFormatLikeThePaperWhenScaledToPercent() {
    // {0.990, 0.992}·100: mean 99.1, std 0.2/√2 = 0.1414 → "99.1 ± 0.1".
    assertThat(MeanStd.of(new double[] {0.990, 0.992}).scaled(100).format(1))
        .isEqualTo("99.1 ± 0.1");
  }

  @Test
  void shouldShowOnlyTheMeanWhenThereIsOneValue() {
    MeanStd stats = MeanStd.of(new double[] {5});
    assertThat(stats.std()).isNaN();
    assertThat(stats.format(1)).isEqualTo("5.0");
  }

  @Test
  void shouldRefuseNoValues() {
    assertThatThrownBy(() -> MeanStd.of(new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one value");
  }
}
