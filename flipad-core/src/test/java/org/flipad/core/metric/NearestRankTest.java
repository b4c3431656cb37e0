package org.flipad.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestRankTest {

  @Test
  void thePercentileIsAnObservedValueAtRankCeilingOfQTimesN() {
    long[] sorted = {10, 20, 30, 40, 50};
    assertThat(NearestRank.of(sorted, 0.5)).isEqualTo(30); // rank 3
    assertThat(NearestRank.of(sorted, 0.99)).isEqualTo(50); // rank 5
    assertThat(NearestRank.of(sorted, 0.2)).isEqualTo(10); // rank 1
    assertThat(NearestRank.of(sorted, 0.21)).isEqualTo(20); // rank 2
    assertThat(NearestRank.of(sorted, 0.0)).isEqualTo(10);
    assertThat(NearestRank.of(sorted, 1.0)).isEqualTo(50);
  }

  @Test
  void unsortedValuesAreSortedAndNoValuesGiveTheCallersDefault() {
    assertThat(NearestRank.of(List.of(50L, 10L, 40L, 20L, 30L), 0.5, -1)).isEqualTo(30);
    assertThat(NearestRank.of(List.of(), 0.99, -1)).isEqualTo(-1);
  }

  @Test
  void undefinedPercentilesAreRefused() {
    assertThatThrownBy(() -> NearestRank.of(new long[0], 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NearestRank.of(new long[] {1}, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1]");
  }
}
