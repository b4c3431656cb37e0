package org.flipad.streams.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.flipad.streams.control.ReplayMemory.Sighting;
import org.junit.jupiter.api.Test;

class BoundedReplayMemoryTest {

  private final Commands.TestClock clock = new Commands.TestClock(Commands.NOW);
  private final Instant later = Commands.NOW.plusSeconds(60);

  @Test
  void shouldReportRepeatedWhenIdIsRememberedAgain() {
    BoundedReplayMemory memory = new BoundedReplayMemory(10, clock);

    assertThat(memory.remember("a", later)).isEqualTo(Sighting.FIRST);
    assertThat(memory.remember("a", later)).isEqualTo(Sighting.REPEATED);
    assertThat(memory.remember("b", later)).isEqualTo(Sighting.FIRST);
  }

  @Test
  void shouldForgetAnIdWhenItsTimeHasPassed() {
    BoundedReplayMemory memory = new BoundedReplayMemory(10, clock);
    memory.remember("a", later);

    clock.set(later);
    assertThat(memory.remember("a", later))
        .as("still remembered at forgetAfter")
        .isEqualTo(Sighting.REPEATED);
    clock.set(later.plusMillis(1));
    assertThat(memory.remember("b", later.plusSeconds(60))).isEqualTo(Sighting.FIRST);
    assertThat(memory.size()).isEqualTo(1);
  }

  @Test
  void shouldReportFullInsteadOfEvictingWhenCapacityIsReached() {
    BoundedReplayMemory memory = new BoundedReplayMemory(2, clock);
    memory.remember("a", later);
    memory.remember("b", later.plusSeconds(1));

    assertThat(memory.remember("c", later)).isEqualTo(Sighting.FULL);
    assertThat(memory.remember("a", later)).as("nothing was evicted").isEqualTo(Sighting.REPEATED);
    clock.set(later.plusMillis(1));
    assertThat(memory.remember("c", later.plusSeconds(60))).isEqualTo(Sighting.FIRST);
  }
}
