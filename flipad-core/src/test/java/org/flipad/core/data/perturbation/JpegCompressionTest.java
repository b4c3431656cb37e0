package org.flipad.core.data.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flipad.core.data.Image8;
import org.junit.jupiter.api.Test;

/** JPEG round trips through the JDK codec. */
class JpegCompressionTest {

  private static final Image8 GRAY = PerturbationTestImages.textured(1, 32, 30, 7);

  @Test
  void shouldStayCloseButDifferWhenQualityIs90() {
    Image8 out = new JpegCompression(90).apply(GRAY, 0);
    double difference = PerturbationTestImages.meanAbsDifference(GRAY, out);
    assertThat(difference).isGreaterThan(0).isLessThan(8);
  }

  @Test
  void shouldDifferMoreWhenQualityIsLower() {
    double at90 =
        PerturbationTestImages.meanAbsDifference(GRAY, new JpegCompression(90).apply(GRAY, 0));
    double at80 =
        PerturbationTestImages.meanAbsDifference(GRAY, new JpegCompression(80).apply(GRAY, 0));
    assertThat(at80).isGreaterThan(at90);
  }

  @Test
  void shouldKeepOneChannelWhenGray() {
    Image8 out = new JpegCompression(80).apply(GRAY, 0);
    assertThat(out.channels()).isEqualTo(1);
    assertThat(out.height()).isEqualTo(32);
    assertThat(out.width()).isEqualTo(32);
  }

  @Test
  void shouldKeepThreeChannelsCloseWhenRgb() {
    Image8 rgb = PerturbationTestImages.textured(3, 28, 10, 3);
    Image8 out = new JpegCompression(90).apply(rgb, 0);
    assertThat(out.channels()).isEqualTo(3);
    assertThat(PerturbationTestImages.meanAbsDifference(rgb, out)).isGreaterThan(0).isLessThan(10);
  }

  @Test
  void shouldRefuseQualityOutsideOneToHundred() {
    assertThatThrownBy(() -> new JpegCompression(101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quality is 101")
        .hasMessageContaining("1..100");
  }
}
