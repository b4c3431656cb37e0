package org.flipad.streams.model;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the one partition of a {@link KafkaModelStore} topic with a short-lived assigned consumer
 * (no group, nothing committed), from a given offset up to the end offset captured when the read
 * starts, so a read always terminates even while others write.
 */
final class ChunkTopicReader {

  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<String, Object> clientProperties;
  private final KafkaModelStoreSettings settings;
  private final TopicPartition partition;

  ChunkTopicReader(Map<String, Object> clientProperties, KafkaModelStoreSettings settings) {
    this.clientProperties = clientProperties;
    this.settings = settings;
    this.partition = new TopicPartition(settings.topic(), 0);
  }

  /**
   * Feeds records from offset {@code from} up to the end offset captured at the start to {@code
   * sink} until it returns false; returns that end offset.
   */
  long scan(long from, Predicate<ConsumerRecord<String, byte[]>> sink) throws ModelStoreException {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
      consumer.assign(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), settings.timeout()).get(partition);
      if (from >= end) {
        return end;
      }
      consumer.seek(partition, from);
      // A bound on waiting for I/O, not logic: the monotonic clock, not an injected wall clock.
      long deadline = System.nanoTime() + settings.timeout().toNanos();
      while (consumer.position(partition, settings.timeout()) < end) {
        if (System.nanoTime() - deadline > 0) {
          throw readFailed(
              "did not reach end offset " + end + " (at " + consumer.position(partition) + ")",
              null);
        }
        for (ConsumerRecord<String, byte[]> message : consumer.poll(POLL)) {
          if (message.offset() < end && !sink.test(message)) {
            return end;
          }
        }
      }
      return end;
    } catch (KafkaException e) {
      throw readFailed("failed: " + e, e);
    }
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> properties = new HashMap<>(clientProperties);
    // Assigned, not subscribed: no group, no committed offsets; every read seeks where it needs.
    properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return properties;
  }

  private ModelStoreException readFailed(String what, Throwable cause) {
    return new ModelStoreException(
        ModelStoreException.Reason.UNAVAILABLE,
        "Reading model store topic '"
            + settings.topic()
            + "' "
            + what
            + " within "
            + settings.timeout()
            + ". Check the brokers are reachable and the principal may read the topic, or raise"
            + " the store timeout.",
        cause);
  }
}
