package org.flipad.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Image8Test {
  @Test
  void shouldIndexChannelMajorWhenReadingAPixel() {
    byte[] pixels = new byte[3 * 2 * 2];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) i;
    }

    Image8 image = new Image8(3, 2, 2, pixels);

    assertThat(image.get(2, 1, 0)).isEqualTo(2 * 4 + 1 * 2 + 0);
  }

  @Test
  void shouldRefuseConstructionWhenPixelCountMismatchesShape() {
    assertThatThrownBy(() -> new Image8(3, 28, 28, new byte[784]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[3, 28, 28] needs 2352 bytes but got 784 bytes");
  }

  @Test
  void shouldRefuseConstructionWhenChannelsAreTwo() {
    assertThatThrownBy(() -> new Image8(2, 1, 1, new byte[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 channels");
  }

  @Test
  void shouldReturnSameInstanceWhenModeAlreadyMatches() {
    Image8 gray = TestImages.noise(1, 2, 2, 9);

    assertThat(gray.inMode(ColorMode.GRAYSCALE)).isSameAs(gray);
  }

  @Test
  void shouldKeepGrayValuesWhenReplicatedAndConvertedBack() {
    Image8 gray = TestImages.noise(1, 8, 8, 10);

    assertThat(gray.inMode(ColorMode.RGB).inMode(ColorMode.GRAYSCALE)).isEqualTo(gray);
  }

  @Test
  void shouldConvertRgbBetweenPlanarAndInterleavedLayouts() {
    // 2×1 RGB image: pixel 0 = (1, 2, 3), pixel 1 = (4, 5, 6).
    byte[] interleaved = {1, 2, 3, 4, 5, 6};
    Image8 image = Image8.fromInterleaved(interleaved, 3, 1, 2);
    assertThat(image.pixels()).containsExactly(1, 4, 2, 5, 3, 6);
    assertThat(image.get(2, 0, 1)).isEqualTo(6);
    assertThat(image.toInterleaved()).containsExactly(interleaved);
  }

  @Test
  void shouldRefuseInterleavedPixelsOfTheWrongLength() {
    assertThatThrownBy(() -> Image8.fromInterleaved(new byte[5], 3, 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need 6 bytes but got 5 bytes");
  }
}
