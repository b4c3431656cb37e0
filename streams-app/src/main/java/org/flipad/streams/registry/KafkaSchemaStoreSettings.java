package org.flipad.streams.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link KafkaSchemaStore}.
 *
 * @param topic the compacted single-partition topic holding the records; created when absent
 * @param timeout the longest wait for one Kafka operation: topic creation, an acknowledged append,
 *     or a replay up to the end offsets
 */
public record KafkaSchemaStoreSettings(String topic, Duration timeout) {

  /** The default topic, like Confluent's {@code _schemas}. */
  public static final String DEFAULT_TOPIC = "_flipad.schemas";

  /** Validates the settings. */
  public KafkaSchemaStoreSettings {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(timeout, "timeout");
    if (topic.isBlank()) {
      throw new IllegalArgumentException("Schema store topic is blank; name a topic");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "Schema store timeout is " + timeout + "; it must be positive, e.g. PT30S");
    }
  }

  /** Topic {@value #DEFAULT_TOPIC}, 30 s per operation. */
  public static KafkaSchemaStoreSettings defaults() {
    return new KafkaSchemaStoreSettings(DEFAULT_TOPIC, Duration.ofSeconds(30));
  }

  /** A copy with the topic set. */
  public KafkaSchemaStoreSettings withTopic(String topic) {
    return new KafkaSchemaStoreSettings(topic, timeout);
  }

  /** A copy with the timeout set. */
  public KafkaSchemaStoreSettings withTimeout(Duration timeout) {
    return new KafkaSchemaStoreSettings(topic, timeout);
  }
}
