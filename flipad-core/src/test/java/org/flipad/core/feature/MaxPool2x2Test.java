package org.flipad.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MaxPool2x2Test {

  @Test
  void shouldTakeTheMaximumOfEachWindowWhenSizesAreEven() {
    FeatureShape shape = new FeatureShape(2, 4, 4);
    float[] sample = new float[shape.size()];
    for (int i = 0; i < 16; i++) {
      sample[i] = i; // channel 0: 0..15 row by row
      sample[16 + i] = -i; // channel 1: 0..-15
    }

    float[] pooled = MaxPool2x2.apply(shape, sample);

    assertThat(MaxPool2x2.outputShape(shape)).isEqualTo(new FeatureShape(2, 2, 2));
    assertThat(pooled).containsExactly(5, 7, 13, 15, 0, -2, -8, -10);
  }

  @Test
  void shouldDropTheLastRowAndColumnWhenSizesAreOdd() {
    FeatureShape shape = new FeatureShape(1, 3, 5);
    float[] sample = new float[shape.size()];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = i;
    }
    sample[shape.index(0, 2, 0)] = 1000; // last row: outside every window
    sample[shape.index(0, 0, 4)] = 1000; // last column: outside every window

    float[] pooled = MaxPool2x2.apply(shape, sample);

    assertThat(MaxPool2x2.outputShape(shape)).isEqualTo(new FeatureShape(1, 1, 2));
    assertThat(pooled).containsExactly(6, 8);
  }

  @Test
  void shouldRefuseShapeWhenSmallerThanTheWindow() {
    assertThatThrownBy(() -> MaxPool2x2.outputShape(new FeatureShape(3, 1, 8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3×1×8")
        .hasMessageContaining("at least 2")
        .hasMessageContaining("Disable max-pooling");
  }

  @Test
  void shouldRefuseSampleWhenLengthDoesNotMatchShape() {
    assertThatThrownBy(() -> MaxPool2x2.apply(new FeatureShape(2, 2, 3), new float[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 5 values")
        .hasMessageContaining("expected 12")
        .hasMessageContaining("2×2×3");
  }

  @Test
  void shouldNameIndexAndValueWhenSampleHoldsNaN() {
    float[] sample = new float[12];
    sample[7] = Float.NaN;

    assertThatThrownBy(() -> MaxPool2x2.apply(new FeatureShape(2, 2, 3), sample))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN at index 7 (channel 1, row 0, column 1)")
        .hasMessageContaining("must be finite");
  }
}
