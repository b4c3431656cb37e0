package org.flipad.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Wilson intervals against published and hand-computed values. */
class BinomialIntervalTest {

  private static final double EPS = 1e-12;

  @Test
  void shouldMatchNewcombesTableWhenZIs196() {
    // Newcombe (1998), Stat. Med. 17:857, Table I, method 3 (score interval without continuity
    // correction), to four decimals.
    assertBounds(BinomialInterval.wilson(81, 263, 1.96), 0.2553, 0.3662, 5e-5);
    assertBounds(BinomialInterval.wilson(15, 148, 1.96), 0.0624, 0.1605, 5e-5);
    assertBounds(BinomialInterval.wilson(0, 20, 1.96), 0.0, 0.1611, 5e-5);
    assertBounds(BinomialInterval.wilson(1, 29, 1.96), 0.0061, 0.1718, 5e-5);
  }

  @Test
  void shouldGiveTheClosedFormBoundsWhen95Of100() {
    // p̂ = 0.95, z = 1.959963984540054: centre 0.9333529258068564, half-width
    // 0.0451033950387756 (computed in double precision from the formula in the Javadoc).
    assertBounds(
        BinomialInterval.wilson(95, 100, BinomialInterval.Z_95),
        0.8882495307680808,
        0.9784563208456319,
        EPS);
  }

  @Test
  void shouldReachExactlyZeroAndOneWhenAllOrNoneSucceed() {
    BinomialInterval none = BinomialInterval.wilson(0, 10, BinomialInterval.Z_95);
    BinomialInterval all = BinomialInterval.wilson(10, 10, BinomialInterval.Z_95);

    assertThat(none.lower()).isEqualTo(0.0);
    assertThat(none.upper()).isCloseTo(0.2775327998628892, within(EPS));
    assertThat(all.lower()).isCloseTo(0.7224672001371107, within(EPS));
    assertThat(all.upper()).isEqualTo(1.0);
  }

  @Test
  void shouldBeSymmetricAroundOneHalfWhenSuccessesAreHalf() {
    BinomialInterval half = BinomialInterval.wilson(50, 100, BinomialInterval.Z_95);

    assertThat(half.lower() + half.upper()).isCloseTo(1.0, within(EPS));
    assertThat(half.contains(0.5)).isTrue();
  }

  @Test
  void shouldContainTheEstimateAndNarrowWhenTrialsGrow() {
    for (int n = 1; n <= 200; n++) {
      for (int k = 0; k <= n; k++) {
        BinomialInterval interval = BinomialInterval.wilson(k, n, BinomialInterval.Z_95);
        assertThat(interval.contains((double) k / n)).as("%d of %d", k, n).isTrue();
      }
    }
    double narrow = width(BinomialInterval.wilson(950, 1000, BinomialInterval.Z_95));
    assertThat(narrow).isLessThan(width(BinomialInterval.wilson(95, 100, BinomialInterval.Z_95)));
  }

  @Test
  void shouldRefuseWhenThereAreNoTrialsOrTooManySuccesses() {
    assertThatThrownBy(() -> BinomialInterval.wilson(0, 0, BinomialInterval.Z_95))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 of 0");
    assertThatThrownBy(() -> BinomialInterval.wilson(11, 10, BinomialInterval.Z_95))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("11 of 10");
    assertThatThrownBy(() -> BinomialInterval.wilson(1, 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("z must be");
  }

  private static double width(BinomialInterval interval) {
    return interval.upper() - interval.lower();
  }

  private static void assertBounds(
      BinomialInterval interval, double lower, double upper, double tolerance) {
    assertThat(interval.lower()).isCloseTo(lower, within(tolerance));
    assertThat(interval.upper()).isCloseTo(upper, within(tolerance));
  }
}
