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
}
