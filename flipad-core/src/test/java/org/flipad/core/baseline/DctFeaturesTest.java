package org.flipad.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.flipad.core.data.Image8;
import org.junit.jupiter.api.Test;

/** DCTPAD's log-magnitude spectrum. */
class DctFeaturesTest {

  @Test
  void shouldGiveTheLogOfTheDcAndOfEpsilonElsewhereWhenTheImageIsConstant() {
    byte[] pixels = new byte[3 * 4 * 4];
    Arrays.fill(pixels, 0, 16, (byte) 255); // channel 0: x = 1
    Arrays.fill(pixels, 16, 32, (byte) 0); // channel 1: x = −1
    Arrays.fill(pixels, 32, 48, (byte) 191); // channel 2: x = 2·191/255 − 1
    float[] features = DctFeatures.of(new Image8(3, 4, 4, pixels));
    assertThat(features).hasSize(48);
    // Orthonormal DC of a constant 4×4 plane = 4x.
    assertThat(features[0]).isCloseTo((float) Math.log(4 + 1e-10), within(1e-6f));
    assertThat(features[16]).isCloseTo((float) Math.log(4 + 1e-10), within(1e-6f));
    double x2 = 2.0 * 191 / 255 - 1;
    assertThat(features[32]).isCloseTo((float) Math.log(4 * x2 + 1e-10), within(1e-6f));
    // AC coefficients are 0 up to rounding (≤ 1e-15), so log(|X| + 1e-10) ≈ log(1e-10) ≈ −23.03.
    assertThat(features[1]).isCloseTo((float) Math.log(1e-10), within(1e-3f));
    assertThat(features[47]).isCloseTo((float) Math.log(1e-10), within(1e-3f));
  }
}
