package org.flipad.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flipad.streams.topic.TopicSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The in-JVM KRaft broker with real clients: topics, plain and transactional round trips. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmbeddedKafkaBrokerTest {

  @TempDir static Path sharedDir;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void start() {
    long started = System.nanoTime();
    broker = EmbeddedKafkaBroker.start(sharedDir, 0);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).as("start-up time").isLessThan(Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void shouldRoundTripARecordThroughACreatedTopic() {
    broker.createTopics(List.of(TopicSpec.of("round-trip", 3)));

    produce(broker, "round-trip", "upload-1", "hello");

    assertThat(consumeAll(broker, "round-trip", "read_uncommitted", 1))
        .extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactly(tuple("upload-1", "hello"));
  }

  @Test
  void shouldCreateTopicsIdempotentlyWithTheirConfigs() throws Exception {
    List<TopicSpec> topics =
        List.of(TopicSpec.of("models-compacted", 1).compacted(), TopicSpec.of("plain", 2));
    broker.createTopics(topics);
    broker.createTopics(topics);

    assertThat(
            broker
                .admin()
                .describeTopics(List.of("plain"))
                .allTopicNames()
                .get()
                .get("plain")
                .partitions())
        .hasSize(2);
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "models-compacted");
    Config config = broker.admin().describeConfigs(List.of(resource)).all().get().get(resource);
    assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
  }

  @Test
  void shouldRefuseAnExistingTopicWithAnotherPartitionCount() {
    broker.createTopics(List.of(TopicSpec.of("fixed-size", 2)));

    assertThatThrownBy(() -> broker.createTopics(List.of(TopicSpec.of("fixed-size", 4))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already exists with 2 partitions, but 4 were requested");
  }

  @Test
  void shouldShowCommittedTransactionsOnlyToReadCommittedConsumers() {
    broker.createTopics(List.of(TopicSpec.of("transactional", 1)));
    Properties props = producerProperties(broker);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-test");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("transactional", "a", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("transactional", "b", "committed"));
      producer.commitTransaction();
    }

    assertThat(consumeAll(broker, "transactional", "read_committed", 1))
        .extracting(ConsumerRecord::value)
        .containsExactly("committed");
  }

  @Test
  void shouldKeepRecordsAcrossARestartOnTheSameDirectory(@TempDir Path workDir) {
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(workDir, 0)) {
      first.createTopics(List.of(TopicSpec.of("durable", 1)));
      produce(first, "durable", "k", "kept");
    }

    try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(workDir, 0)) {
      second.createTopics(List.of(TopicSpec.of("durable", 1)));
      assertThat(consumeAll(second, "durable", "read_committed", 1))
          .extracting(ConsumerRecord::value)
          .containsExactly("kept");
    }
  }

  @Test
  void shouldRefuseAPortOutsideTheValidRange(@TempDir Path workDir) {
    assertThatThrownBy(() -> EmbeddedKafkaBroker.start(workDir, 70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }

  private static Properties producerProperties(EmbeddedKafkaBroker target) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
    return props;
  }

  private static void produce(EmbeddedKafkaBroker target, String topic, String key, String value) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(target))) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("Producing to " + topic + " failed", e);
    }
  }

  /** Polls from the beginning until {@code expected} records arrived or 20 s passed. */
  private static List<ConsumerRecord<String, String>> consumeAll(
      EmbeddedKafkaBroker target, String topic, String isolation, int expected) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            target.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + topic,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            isolation);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      // One more poll shows whether anything beyond the expected records (an aborted one) leaks.
      consumer.poll(Duration.ofMillis(300)).forEach(records::add);
    }
    return records;
  }
}
