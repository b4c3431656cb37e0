package org.flipad.core.data.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.flipad.core.data.Image8;
import org.junit.jupiter.api.Test;

/** Seeded Gaussian noise on the [0, 1] scale. */
class GaussianNoiseTest {

  private static final Image8 GREY = PerturbationTestImages.constant(1, 64, 128);

  @Test
  void shouldGiveEqualOutputWhenTheSeedIsEqual() {
    GaussianNoise noise = new GaussianNoise(0.05);
    assertThat(noise.apply(GREY, 11)).isEqualTo(noise.apply(GREY, 11));
  }

  @Test
  void shouldGiveDifferentOutputWhenTheSeedDiffers() {
    GaussianNoise noise = new GaussianNoise(0.05);
    assertThat(noise.apply(GREY, 11)).isNotEqualTo(noise.apply(GREY, 12));
  }

  @Test
  void shouldHaveStandardDeviationSigmaTimes255OnMidGrey() {
    for (double sigma : new double[] {0.05, 0.1}) {
      Image8 out = new GaussianNoise(sigma).apply(GREY, 5);
      assertThat(std(out))
          .as("σ = %s, seed 5", sigma)
          .isCloseTo(sigma * 255, within(0.1 * sigma * 255));
    }
  }

  @Test
  void shouldKeepThreeChannelsWhenRgb() {
    Image8 out = new GaussianNoise(0.1).apply(PerturbationTestImages.constant(3, 8, 100), 1);
    assertThat(out.channels()).isEqualTo(3);
  }

  private static double std(Image8 image) {
    byte[] p = image.pixels();
    double mean = 0;
    for (byte b : p) {
      mean += b & 0xFF;
    }
    mean /= p.length;
    double sum = 0;
    for (byte b : p) {
      sum += ((b & 0xFF) - mean) * ((b & 0xFF) - mean);
    }
    return Math.sqrt(sum / (p.length - 1));
  }
}
