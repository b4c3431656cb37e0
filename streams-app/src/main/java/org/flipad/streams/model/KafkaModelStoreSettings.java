package org.flipad.streams.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link KafkaModelStore}.
 *
 * @param topic the compacted single-partition topic holding chunks and manifests; created when
 *     absent
 * @param chunkBytes the largest chunk a bundle is split into, in bytes; at most {@value
 *     #MAX_CHUNK_BYTES} so a chunk with its key stays under Kafka's default 1 MiB message limit
 * @param timeout the longest wait for one Kafka operation: topic creation, an acknowledged write,
 *     or a read up to the end offset
 */
public record KafkaModelStoreSettings(String topic, int chunkBytes, Duration timeout) {

  /** The default topic. */
  public static final String DEFAULT_TOPIC = "flipad.model-bundles";

  /** The default chunk size, 256 KiB: four chunks per MiB, well under every default limit. */
  public static final int DEFAULT_CHUNK_BYTES = 256 * 1024;

  /** The smallest chunk allowed, 1 KiB; smaller only multiplies records. */
  public static final int MIN_CHUNK_BYTES = 1024;

  /** The largest chunk allowed: 1 MiB less 64 KiB for the key and record overhead. */
  public static final int MAX_CHUNK_BYTES = 1024 * 1024 - 64 * 1024;

  /** Validates the settings. */
  public KafkaModelStoreSettings {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(timeout, "timeout");
    if (topic.isBlank()) {
      throw new IllegalArgumentException("Model store topic is blank; name a topic");
    }
    if (chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException(
          "Model store chunk size is "
              + chunkBytes
              + " bytes; it must be in ["
              + MIN_CHUNK_BYTES
              + ", "
              + MAX_CHUNK_BYTES
              + "] so a chunk fits one Kafka message. The default is "
              + DEFAULT_CHUNK_BYTES
              + ".");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "Model store timeout is " + timeout + "; it must be positive, e.g. PT30S");
    }
  }

  /** Topic {@value #DEFAULT_TOPIC}, 256 KiB chunks, 30 s per operation. */
  public static KafkaModelStoreSettings defaults() {
    return new KafkaModelStoreSettings(DEFAULT_TOPIC, DEFAULT_CHUNK_BYTES, Duration.ofSeconds(30));
  }

  /** A copy with the topic set. */
  public KafkaModelStoreSettings withTopic(String topic) {
    return new KafkaModelStoreSettings(topic, chunkBytes, timeout);
  }

  /** A copy with the chunk size set, in bytes. */
  public KafkaModelStoreSettings withChunkBytes(int chunkBytes) {
    return new KafkaModelStoreSettings(topic, chunkBytes, timeout);
  }

  /** A copy with the timeout set. */
  public KafkaModelStoreSettings withTimeout(Duration timeout) {
    return new KafkaModelStoreSettings(topic, chunkBytes, timeout);
  }
}
