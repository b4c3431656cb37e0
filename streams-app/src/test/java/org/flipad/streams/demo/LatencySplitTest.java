package org.flipad.streams.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySplitTest {

  @Test
  void theRestIsWhatTheWorkerDidNotSpend() {
    LatencySplit split = new LatencySplit(10, 1, 2, 7, 50);
    assertThat(split.restMs()).isEqualTo(30);
  }

  @Test
  void theMeanIsTakenPartByPart() {
    LatencySplit mean =
        LatencySplit.mean(
            List.of(new LatencySplit(10, 1, 2, 7, 50), new LatencySplit(20, 3, 4, 9, 100)));
    assertThat(mean).isEqualTo(new LatencySplit(15, 2, 3, 8, 75));
    assertThat(mean.restMs()).isEqualTo(47);
    assertThat(LatencySplit.mean(List.of())).isNull();
  }
}
