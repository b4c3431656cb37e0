package org.flipad.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.flipad.streams.topic.TopicSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Readiness and client metrics of a real Kafka Streams instance on the embedded broker. */
@Timeout(90)
class KafkaStreamsOpsTest {

  @TempDir Path workDir;

  @Test
  void shouldTurnReadyWhenStreamsRunsAndPublishItsClientMetrics() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0);
        ServiceMetrics metrics = ServiceMetrics.withJvmMetrics()) {
      broker.createTopics(List.of(TopicSpec.of("ops-in", 1), TopicSpec.of("ops-out", 1)));
      StreamsBuilder builder = new StreamsBuilder();
      builder.stream("ops-in", Consumed.with(Serdes.String(), Serdes.String()).withName("read-in"))
          .to("ops-out", Produced.with(Serdes.String(), Serdes.String()).withName("write-out"));
      try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig(broker))) {
        Readiness readiness = Readiness.kafkaStreamsRunning(streams);
        metrics.bindKafkaStreams(streams);
        assertThat(readiness.notReady())
            .containsExactly("Kafka Streams state is CREATED, not RUNNING");

        streams.start();
        awaitTrue(() -> readiness.notReady().isEmpty(), "Kafka Streams to reach RUNNING");

        assertThat(metrics.scrape()).contains("kafka_stream_").contains("ops-test");
      }
    }
  }

  private Properties streamsConfig(EmbeddedKafkaBroker broker) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ops-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, workDir.resolve("streams").toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return props;
  }

  // A bounded poll whose timeout names what was awaited (Awaitility, a test dependency used by the
  // *IT tests, would do the same).
  private static void awaitTrue(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after 60 s waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
