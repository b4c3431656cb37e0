package org.flipad.core.data.perturbation;

import static org.assertj.core.api.Assertions.assertThat;

import org.flipad.core.data.Image8;
import org.junit.jupiter.api.Test;

/** The reference blur, kernel 3 and σ 3. */
class GaussianBlurTest {

  @Test
  void shouldKeepAConstantImageConstant() {
    Image8 image = PerturbationTestImages.constant(3, 9, 77);
    assertThat(GaussianBlur.defaults().apply(image, 0)).isEqualTo(image);
  }

  @Test
  void shouldSpreadASinglePixelWithTheGaussianWeights() {
    byte[] pixels = new byte[7 * 7];
    pixels[3 * 7 + 3] = (byte) 255;
    Image8 out = GaussianBlur.defaults().apply(new Image8(1, 7, 7, pixels), 0);
    // 1-D weights ∝ (e, 1, e), e = exp(−1/18) ≈ 0.94596: centre a = 1/(1+2e) ≈ 0.34584, side b =
    // e·a ≈ 0.32715. 2-D: 255·a² ≈ 30.50 → 30, 255·a·b ≈ 28.85 → 29, 255·b² ≈ 27.29 → 27.
    double e = Math.exp(-1.0 / 18.0);
    double a = 1 / (1 + 2 * e);
    double b = e * a;
    assertThat(out.get(0, 3, 3)).isEqualTo((int) Math.round(255 * a * a)).isEqualTo(30);
    for (int[] d : new int[][] {{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
      assertThat(out.get(0, 3 + d[0], 3 + d[1])).isEqualTo((int) Math.round(255 * a * b));
    }
    for (int[] d : new int[][] {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}}) {
      assertThat(out.get(0, 3 + d[0], 3 + d[1])).isEqualTo((int) Math.round(255 * b * b));
    }
    assertThat(out.get(0, 3, 1)).isZero();
    assertThat(out.get(0, 1, 1)).isZero();
  }

  @Test
  void shouldKeepThreeChannelsWhenRgb() {
    Image8 out = GaussianBlur.defaults().apply(PerturbationTestImages.textured(3, 10, 5, 2), 0);
    assertThat(out.channels()).isEqualTo(3);
  }
}
