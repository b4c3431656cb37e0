package org.flipad.core.data.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.flipad.core.data.Image8;
import org.junit.jupiter.api.Test;

/** Centre crop 24/28, bilinear resize back. */
class CentreCropResizeTest {

  private static Image8 gradient(int channels, int size) {
    byte[] pixels = new byte[channels * size * size];
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          pixels[(c * size + y) * size + x] = (byte) (20 + 4 * x + 3 * y + 10 * c);
        }
      }
    }
    return new Image8(channels, size, size, pixels);
  }

  @Test
  void shouldKeepTheSizeAndRoughlyTheCentrePixel() {
    Image8 image = gradient(1, 28);
    Image8 out = CentreCropResize.defaults().apply(image, 0);
    assertThat(out.height()).isEqualTo(28);
    assertThat(out.width()).isEqualTo(28);
    assertThat(out.get(0, 14, 14)).isCloseTo(image.get(0, 14, 14), within(3));
  }

  @Test
  void shouldStretchTheGradientWhenCropping() {
    Image8 out = CentreCropResize.defaults().apply(gradient(1, 28), 0);
    // The 24-px window spans 4·23 = 92 levels along x; resized to 28 px it still spans ~92·(27/28).
    int span = out.get(0, 14, 27) - out.get(0, 14, 0);
    assertThat(span).isBetween(80, 95);
  }

  @Test
  void shouldKeepThreeChannelsWhenRgb() {
    Image8 out = CentreCropResize.defaults().apply(gradient(3, 28), 0);
    assertThat(out.channels()).isEqualTo(3);
    // Channel 2 is channel 0 plus 20; rounding at exact halves may move it by one level.
    assertThat(out.get(2, 14, 14) - out.get(0, 14, 14)).isBetween(19, 21);
  }

  @Test
  void shouldReturnTheImageWhenTheFractionIsOne() {
    Image8 image = gradient(1, 12);
    assertThat(new CentreCropResize(1.0).apply(image, 0)).isEqualTo(image);
  }
}
