package org.flipad.streams.model;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.flipad.streams.topic.SinglePartitionTopic;

/**
 * Creates and checks the topic of a {@link KafkaModelStore}: one partition (so a manifest follows
 * its chunks), {@code cleanup.policy=compact} (so bundles never expire, and compaction drops only
 * duplicate copies), and {@code max.message.bytes} of {@value #MAX_MESSAGE_BYTES}, set on the topic
 * so a cluster with a smaller broker-wide limit still takes a full chunk.
 */
final class ModelStoreTopic {

  /** Kafka's default message limit (1 MiB plus the batch header), pinned on the topic. */
  static final int MAX_MESSAGE_BYTES = 1024 * 1024 + 12;

  private ModelStoreTopic() {}

  /**
   * Creates the topic when absent and checks it has one partition.
   *
   * @throws IllegalStateException when the topic cannot be described or created in time, or has
   *     another partition count
   */
  static void ensure(Map<String, Object> clientProperties, KafkaModelStoreSettings settings) {
    new SinglePartitionTopic(
            settings.topic(),
            Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                String.valueOf(MAX_MESSAGE_BYTES)),
            settings.timeout(),
            "model store",
            "so a manifest is read after its chunks")
        .ensure(clientProperties);
  }
}
