package org.flipad.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.flipad.core.data.Image8;
import org.junit.jupiter.api.Test;

/** The zero-mean high-pass residual. */
class NoiseResidualTest {

  @Test
  void shouldBeZeroWhenTheImageIsConstant() {
    byte[] pixels = new byte[3 * 8 * 8];
    Arrays.fill(pixels, (byte) 90);
    assertThat(NoiseResidual.of(new Image8(3, 8, 8, pixels))).containsOnly(0.0);
  }

  @Test
  void shouldHaveZeroMeanRowsAndColumns() {
    byte[] pixels = new byte[12 * 10];
    new Random(3).nextBytes(pixels);
    double[] r = NoiseResidual.of(new Image8(1, 12, 10, pixels));
    for (int y = 0; y < 12; y++) {
      assertThat(Arrays.stream(r, y * 10, y * 10 + 10).sum()).isCloseTo(0, within(1e-12));
    }
    for (int x = 0; x < 10; x++) {
      double sum = 0;
      for (int y = 0; y < 12; y++) {
        sum += r[y * 10 + x];
      }
      assertThat(sum).isCloseTo(0, within(1e-12));
    }
  }
}
