package org.flipad.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PixelScalingTest {
  private static final byte[] ALL = allBytes();

  @Test
  void shouldMapEndpointsAndMidpointWhenScalingToUnitRange() {
    byte[] k = {0, (byte) 255, (byte) 128, 127};

    // 2·128/255 − 1 evaluated in double, as NumPy float64 does: 1/255 within 2e-17.
    assertThat(PixelScaling.toUnitRange(k))
        .containsExactly(-1.0, 1.0, 0.0039215686274509665, -0.0039215686274509665);
    assertThat(PixelScaling.toUnitRangeFloat(k))
        .containsExactly(-1f, 1f, 0.003921569f, -0.003921569f);
    assertThat(PixelScaling.toUnit(128)).isCloseTo(1.0 / 255, within(2e-17));
  }

  @Test
  void shouldRecoverEveryByteWhenRoundTrippedAsDouble() {
    assertThat(PixelScaling.fromUnitRange(PixelScaling.toUnitRange(ALL))).isEqualTo(ALL);
  }

  @Test
  void shouldRecoverEveryByteWhenRoundTrippedAsFloat() {
    assertThat(PixelScaling.fromUnitRange(PixelScaling.toUnitRangeFloat(ALL))).isEqualTo(ALL);
  }

  @Test
  void shouldEqualFloatOfDoubleFormulaWhenScalingAsFloat() {
    float[] floats = PixelScaling.toUnitRangeFloat(ALL);
    for (int k = 0; k < 256; k++) {
      assertThat(floats[k]).isEqualTo((float) (2.0 * k / 255.0 - 1.0));
    }
  }

  @Test
  void shouldClampAndRoundHalfUpWhenMappingBack() {
    // (x + 1) · 127.5: x = 0 gives exactly 127.5 → 128 (half up); −3 → 0 and 2, 1e9 → 255.
    assertThat(PixelScaling.fromUnitRange(new double[] {-3, 0, 2, 1e9}))
        .containsExactly(0, (byte) 128, (byte) 255, (byte) 255);
  }

  @Test
  void shouldRefuseNanWhenMappingBack() {
    assertThatThrownBy(() -> PixelScaling.fromUnitRange(new float[] {0f, Float.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 1 is NaN");
  }

  @Test
  void shouldRefuseValueWhenOutsideByteRange() {
    assertThatThrownBy(() -> PixelScaling.toUnit(256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256 is outside 0..255");
  }

  private static byte[] allBytes() {
    byte[] all = new byte[256];
    for (int k = 0; k < 256; k++) {
      all[k] = (byte) k;
    }
    return all;
  }
}
