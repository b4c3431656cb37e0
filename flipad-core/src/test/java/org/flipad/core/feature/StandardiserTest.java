package org.flipad.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class StandardiserTest {

  private static final FeatureShape SHAPE = new FeatureShape(3, 2, 2);

  /**
   * Tolerance 1e-5·max(1, |x| + |μ|): float32 rounding of z and of x', relative to the magnitudes.
   */
  @Property(tries = 200)
  void shouldRecoverTheInputWhenInverseFollowsApply(
      @ForAll @DoubleRange(min = -100, max = 100) @Scale(6) double offset,
      @ForAll @DoubleRange(min = 1e-3, max = 100) @Scale(6) double scale,
      @ForAll @DoubleRange(min = 1e-4, max = 1) @Scale(6) double epsilon,
      @ForAll long seed) {
    StandardiserFitter fitter = new StandardiserFitter(SHAPE, new StandardiserSettings(epsilon));
    fitter.addAll(TestFeatures.gaussian(SHAPE, 8, offset, scale, seed));
    Standardiser standardiser = fitter.fit();
    float[] x = TestFeatures.gaussian(SHAPE, 1, offset, 3 * scale, seed + 1).get(0);

    float[] roundTrip = standardiser.inverse(standardiser.apply(x));

    double[] mean = standardiser.mean();
    for (int i = 0; i < x.length; i++) {
      double tolerance = 1e-5 * Math.max(1, Math.abs(x[i]) + Math.abs(mean[i]));
      assertThat((double) roundTrip[i]).isCloseTo(x[i], within(tolerance));
    }
  }

  @Test
  void shouldDivideByStdPlusEpsilonWhenApplied() {
    FeatureShape shape = new FeatureShape(1, 1, 2);
    Standardiser standardiser =
        new Standardiser(shape, 2, 0.05, new double[] {1, 2}, new double[] {0.5, 0});

    float[] z = standardiser.apply(new float[] {2, 3});

    assertThat(z[0]).isCloseTo((float) (1 / 0.55), within(1e-7f));
    assertThat(z[1]).isCloseTo(20f, within(1e-6f)); // σ = 0: only ε divides
  }

  @Test
  void shouldUseTheUnbiasedStdWhenFittedOnTwoSamples() {
    FeatureShape shape = new FeatureShape(1, 1, 1);
    StandardiserFitter fitter = new StandardiserFitter(shape, StandardiserSettings.defaults());
    fitter.addAll(List.of(new float[] {1}, new float[] {3}));

    Standardiser standardiser = fitter.fit();

    assertThat(standardiser.mean()).containsExactly(2.0);
    assertThat(standardiser.std()[0]).isCloseTo(Math.sqrt(2), within(1e-15)); // n − 1 = 1
    assertThat(standardiser.epsilon()).isEqualTo(StandardiserSettings.DEFAULT_EPSILON);
  }

  @Test
  void shouldRefuseEpsilonWhenNotPositive() {
    assertThatThrownBy(() -> StandardiserSettings.defaults().withEpsilon(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("epsilon is 0.0")
        .hasMessageContaining("finite value > 0 (default 0.05)");
  }

  @Test
  void shouldRefuseParametersWhenLengthDoesNotMatchShape() {
    assertThatThrownBy(() -> new Standardiser(SHAPE, 2, 0.05, new double[12], new double[11]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("standard deviation σ has 11 values; expected 12")
        .hasMessageContaining("3×2×2");
  }

  @Test
  void shouldNameIndexAndValueWhenSampleHoldsInfinity() {
    Standardiser standardiser = new Standardiser(SHAPE, 2, 0.05, new double[12], new double[12]);
    float[] sample = new float[12];
    sample[5] = Float.NEGATIVE_INFINITY;

    assertThatThrownBy(() -> standardiser.apply(sample))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Sample to standardise holds -Infinity at index 5")
        .hasMessageContaining("channel 1, row 0, column 1");
  }
}
