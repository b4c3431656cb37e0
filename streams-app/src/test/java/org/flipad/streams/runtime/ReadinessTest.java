package org.flipad.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** Composing readiness checks. */
class ReadinessTest {

  @Test
  void shouldBeReadyWhenEveryCheckPasses() {
    Readiness readiness =
        Readiness.allOf(
            Readiness.always(),
            Readiness.kafkaStreamsRunning(() -> KafkaStreams.State.RUNNING),
            Readiness.modelsLoaded(() -> List.of("m1"), id -> true));

    assertThat(readiness.notReady()).isEmpty();
  }

  @Test
  void shouldListTheReasonsOfEveryFailingCheckInOrder() {
    Readiness readiness =
        Readiness.allOf(
            Readiness.kafkaStreamsRunning(() -> KafkaStreams.State.PENDING_ERROR),
            Readiness.modelsLoaded(() -> List.of("m1", "m2", "m3"), "m2"::equals));

    assertThat(readiness.notReady())
        .containsExactly(
            "Kafka Streams state is PENDING_ERROR, not RUNNING",
            "model m1 is not loaded",
            "model m3 is not loaded");
  }
}
