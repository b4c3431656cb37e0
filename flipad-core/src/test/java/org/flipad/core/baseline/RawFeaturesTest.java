package org.flipad.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.flipad.core.data.Image8;
import org.junit.jupiter.api.Test;

/** RawPAD's pixel features. */
class RawFeaturesTest {

  @Test
  void shouldScalePixelsToTheModelRangeInChwOrder() {
    Image8 image = new Image8(1, 1, 3, new byte[] {0, (byte) 255, (byte) 128});
    assertThat(RawFeatures.of(image)).containsExactly(-1f, 1f, (float) (2.0 * 128 / 255 - 1));
  }
}
