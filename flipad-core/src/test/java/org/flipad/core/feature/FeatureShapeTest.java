package org.flipad.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeatureShapeTest {

  @Test
  void shouldComputeSizeAndIndexWhenDimensionsArePositive() {
    FeatureShape shape = new FeatureShape(64, 32, 16);

    assertThat(shape.size()).isEqualTo(64 * 32 * 16);
    assertThat(shape.planeSize()).isEqualTo(32 * 16);
    assertThat(shape.index(2, 3, 5)).isEqualTo((2 * 32 + 3) * 16 + 5);
    assertThat(shape).hasToString("64×32×16");
  }

  @Test
  void shouldRefuseShapeWhenADimensionIsNotPositive() {
    assertThatThrownBy(() -> new FeatureShape(64, 0, 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("height is 0")
        .hasMessageContaining("expected at least 1");
  }

  @Test
  void shouldRefuseShapeWhenSizeOverflowsAnArray() {
    assertThatThrownBy(() -> new FeatureShape(65536, 65536, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8589934592 values")
        .hasMessageContaining("max-pool or crop");
  }
}
