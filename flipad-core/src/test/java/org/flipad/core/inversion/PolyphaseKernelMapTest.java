package org.flipad.core.inversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The index map behind the trainable transposed convolution's combined kernel. */
class PolyphaseKernelMapTest {

  @ParameterizedTest(name = "k{0} s{1} p{2}")
  @CsvSource({"4, 2, 1", "3, 1, 1", "3, 2, 0", "5, 3, 2", "1, 1, 0", "2, 3, 0"})
  void shouldUseEveryWeightTapExactlyOnceWhenGeometryVaries(int k, int s, int p) {
    int outChannels = 3;
    PolyphaseKernelMap map = PolyphaseKernelMap.of(new ConvGeometry(k, s, p), outChannels);
    int[] taps = map.sourceTaps();
    int size = map.windowSize();
    assertThat(taps).hasSize(s * s * outChannels * size * size);
    int[] uses = new int[outChannels * k * k];
    Arrays.stream(taps).filter(t -> t >= 0).forEach(t -> uses[t]++);
    assertThat(uses).containsOnly(1);
  }

  @Test
  void shouldGiveTheThreeByThreeWindowOfStackMdWhenKernelFourStrideTwoPaddingOne() {
    PolyphaseKernelMap map = PolyphaseKernelMap.of(new ConvGeometry(4, 2, 1), 64);
    assertThat(map.windowSize()).isEqualTo(3);
    assertThat(map.windowStart()).isEqualTo(-1);
    assertThat(map.padding(7, 7)).isEqualTo(1);
  }
}
