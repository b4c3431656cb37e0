package org.flipad.core.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.flipad.core.inversion.TensorShape;
import org.junit.jupiter.api.Test;

/** ā over batches: the exact mean, any batch size, and refusals. */
class MeanActivationTest {

  /** Sample n has every entry equal to n (n = 0, 1, 2, …): the mean of N draws is (N − 1)/2. */
  private static final class CountingSource implements PenultimateSource {
    private final TensorShape shape = new TensorShape(2, 3, 3);
    private int next;
    private int largestBatch;

    @Override
    public TensorShape shape() {
      return shape;
    }

    @Override
    public float[][] next(int count) {
      largestBatch = Math.max(largestBatch, count);
      float[][] batch = new float[count][shape.size()];
      for (float[] sample : batch) {
        java.util.Arrays.fill(sample, next++);
      }
      return batch;
    }
  }

  @Test
  void shouldGiveTheExactMeanWhenDrawsAreNotAMultipleOfTheBatch() {
    CountingSource source = new CountingSource();
    float[] mean = MeanActivation.estimate(source, 5_000, 128);
    assertThat(mean).hasSize(18);
    for (float v : mean) {
      assertThat((double) v).isCloseTo(4_999 / 2.0, within(1e-3));
    }
    assertThat(source.next).isEqualTo(5_000);
    assertThat(source.largestBatch).isEqualTo(128);
  }

  @Test
  void shouldRefuseZeroDraws() {
    assertThatThrownBy(() -> MeanActivation.estimate(new CountingSource(), 0, 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("draws=0");
  }

  @Test
  void shouldRefuseNonFiniteActivations() {
    PenultimateSource broken =
        new PenultimateSource() {
          @Override
          public TensorShape shape() {
            return TensorShape.vector(2);
          }

          @Override
          public float[][] next(int count) {
            return new float[][] {{1f, Float.NaN}};
          }
        };
    assertThatThrownBy(() -> MeanActivation.estimate(broken, 1, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("non-finite")
        .hasMessageContaining("index 1");
  }
}
