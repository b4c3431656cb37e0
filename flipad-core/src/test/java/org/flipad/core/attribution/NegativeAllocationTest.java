package org.flipad.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NegativeAllocationTest {

  @Test
  void shouldGiveHalfToRealAndSplitTheRestEvenlyWhenWeightsAreOneAndOneOverK() {
    int[] counts = NegativeAllocation.counts(List.of(1.0, 0.25, 0.25, 0.25, 0.25), 1000);
    assertThat(counts).containsExactly(500, 125, 125, 125, 125);
  }

  @Test
  void shouldAlwaysAddUpToTheTotalWhenSharesAreNotWhole() {
    int[] counts =
        NegativeAllocation.counts(
            List.of(1.0, 1.0 / 7, 1.0 / 7, 1.0 / 7, 1.0 / 7, 1.0 / 7, 1.0 / 7, 1.0 / 7), 1000);
    assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(1000);
    assertThat(counts[0]).isEqualTo(500);
    for (int i = 1; i < counts.length; i++) {
      assertThat(counts[i]).isBetween(71, 72);
    }
  }

  @Test
  void shouldRefuseAnEmptyBank() {
    assertThatThrownBy(() -> NegativeAllocation.counts(List.of(), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No negative sources");
  }
}
