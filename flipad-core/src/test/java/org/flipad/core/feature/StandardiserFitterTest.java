package org.flipad.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class StandardiserFitterTest {

  private static final FeatureShape SHAPE = new FeatureShape(2, 3, 2);

  /**
   * Welford vs the two-pass reference: relative 1e-9, floor 1e-12·max|x| for the reference's own
   * rounding.
   */
  @Property(tries = 200)
  void shouldMatchTwoPassMeanAndUnbiasedStdWhenFedRandomSamples(
      @ForAll @IntRange(min = 2, max = 60) int n,
      @ForAll @DoubleRange(min = -1e4, max = 1e4) @Scale(6) double offset,
      @ForAll @DoubleRange(min = 1e-2, max = 1e3) @Scale(6) double scale,
      @ForAll long seed) {
    List<float[]> samples = TestFeatures.gaussian(SHAPE, n, offset, scale, seed);
    StandardiserFitter fitter = new StandardiserFitter(SHAPE, StandardiserSettings.defaults());
    fitter.addAll(samples);

    Standardiser fitted = fitter.fit();

    double floor = 1e-12 * maxAbs(samples);
    for (int i = 0; i < SHAPE.size(); i++) {
      double[] reference = twoPassMeanAndStd(samples, i);
      assertThat(fitted.mean()[i]).isCloseTo(reference[0], within(reference[0], floor));
      assertThat(fitted.std()[i]).isCloseTo(reference[1], within(reference[1], floor));
    }
    assertThat(fitted.sampleCount()).isEqualTo(n);
  }

  @Test
  void shouldGiveTheSameStandardiserWhenFedBatchesOrSingleSamples() {
    List<float[]> samples = TestFeatures.gaussian(SHAPE, 10, 3, 2, 42);
    StandardiserFitter singles = new StandardiserFitter(SHAPE, StandardiserSettings.defaults());
    StandardiserFitter batches = new StandardiserFitter(SHAPE, StandardiserSettings.defaults());
    singles.addAll(samples);

    batches.addBatch(concat(samples.subList(0, 4)));
    batches.addBatch(concat(samples.subList(4, 10)));

    assertThat(batches.fit()).isEqualTo(singles.fit());
  }

  @Test
  void shouldRefuseFitWhenFewerThanTwoSamples() {
    StandardiserFitter fitter = new StandardiserFitter(SHAPE, StandardiserSettings.defaults());
    fitter.add(new float[SHAPE.size()]);

    assertThatThrownBy(fitter::fit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 target sample(s)")
        .hasMessageContaining("needs at least 2");
  }

  @Test
  void shouldRefuseBatchWhenLengthIsNotAMultipleOfTheSampleSize() {
    StandardiserFitter fitter = new StandardiserFitter(SHAPE, StandardiserSettings.defaults());

    assertThatThrownBy(() -> fitter.addBatch(new float[30]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("30 values, not a multiple of 12")
        .hasMessageContaining("[N, C, H, W]");
  }

  @Test
  void shouldLeaveStateUnchangedWhenABatchIsRefused() {
    StandardiserFitter fitter = new StandardiserFitter(SHAPE, StandardiserSettings.defaults());
    float[] batch = new float[2 * SHAPE.size()];
    batch[SHAPE.size() + 3] = Float.POSITIVE_INFINITY;

    assertThatThrownBy(() -> fitter.addBatch(batch))
        .hasMessageContaining("Target batch sample 1 holds Infinity at index 3");
    assertThat(fitter.count()).isZero();
  }

  @Test
  void shouldHoldOnlyShapeSizedStateWhenManySamplesAreAdded() {
    StandardiserFitter fitter = new StandardiserFitter(SHAPE, StandardiserSettings.defaults());

    fitter.addAll(TestFeatures.gaussian(SHAPE, 5000, 0, 1, 7));

    TestFeatures.assertStateBoundedBy(fitter, SHAPE.size());
    assertThat(fitter.count()).isEqualTo(5000);
  }

  private static org.assertj.core.data.Offset<Double> within(double expected, double floor) {
    return org.assertj.core.data.Offset.offset(1e-9 * Math.abs(expected) + floor);
  }

  private static double[] twoPassMeanAndStd(List<float[]> samples, int i) {
    double sum = 0;
    for (float[] s : samples) {
      sum += s[i];
    }
    double mean = sum / samples.size();
    double squares = 0;
    for (float[] s : samples) {
      squares += (s[i] - mean) * (s[i] - mean);
    }
    return new double[] {mean, Math.sqrt(squares / (samples.size() - 1))};
  }

  private static double maxAbs(List<float[]> samples) {
    double max = 0;
    for (float[] s : samples) {
      for (float v : s) {
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
  }

  private static float[] concat(List<float[]> samples) {
    float[] batch = new float[samples.size() * SHAPE.size()];
    for (int i = 0; i < samples.size(); i++) {
      System.arraycopy(samples.get(i), 0, batch, i * SHAPE.size(), SHAPE.size());
    }
    return batch;
  }
}
