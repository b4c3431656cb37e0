package org.flipad.streams.worker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How an {@link InversionWorker} talks to Kafka: the settings of its consumer (a static member of
 * the workers' group, read_committed) and of its transactional producer, the offsets a batch's
 * transaction commits, and the rewind after an aborted one.
 */
final class WorkerClients {

  private final Map<String, Object> clientProperties;
  private final WorkerSettings settings;

  /**
   * @param clientProperties Kafka client settings (bootstrap servers, security), passed unchanged
   */
  WorkerClients(Map<String, Object> clientProperties, WorkerSettings settings) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.settings = settings;
  }

  /** Per partition, the offset after the batch's last record: what the transaction commits. */
  static Map<TopicPartition, OffsetAndMetadata> nextOffsets(
      List<ConsumerRecord<byte[], byte[]>> batch) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      offsets.merge(
          new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    return offsets;
  }

  /** After an aborted transaction, go back to the committed offsets to judge the batch again. */
  static void rewind(KafkaConsumer<byte[], byte[]> requests) {
    Set<TopicPartition> assigned = requests.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed = requests.committed(assigned);
    for (TopicPartition partition : assigned) {
      OffsetAndMetadata offset = committed.get(partition);
      if (offset != null) {
        requests.seek(partition, offset);
      } else {
        requests.seekToBeginning(List.of(partition));
      }
    }
  }

  /** The consumer of requests: read_committed, no auto-commit, a static group member. */
  Map<String, Object> consumerProperties() {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4 * settings.maxBatch());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.workerId() + "-consumer");
    // Static membership: a worker restarted under the same id takes its partitions back without a
    // rebalance, and a killed one is noticed after 10 s instead of Kafka's default 45 s, during
    // which the requests in its partitions wait. Heartbeats run on the consumer's own thread, so a
    // long batch does not count against the session.
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.workerId());
    props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  /** The transactional producer of results and dead letters. */
  Map<String, Object> producerProperties() {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.workerId() + "-tx");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    // A crashed worker's open transaction holds back read_committed readers of the results until
    // it times out or a restart with the same worker id fences it; keep that window short.
    props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.workerId() + "-producer");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }
}
