package org.flipad.streams.control;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flipad.schema.ControlCommand;
import org.flipad.schema.TrainingState;
import org.flipad.schema.TrainingStatus;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.topic.Topics;

/**
 * What an operator's tool does: signs a command, sends it to {@code flipad.control} and follows its
 * job on {@code flipad.training.status} until it ends.
 */
public final class ControlClient {

  private final Map<String, Object> client;
  private final Topics topics;
  private final ControlSerdes serdes;
  private final CommandSigner signer;

  /**
   * @param clientProperties Kafka client settings, passed through
   * @param signer the operator's private key
   */
  public ControlClient(
      Map<String, Object> clientProperties,
      Topics topics,
      ControlSerdes serdes,
      CommandSigner signer) {
    this.client = Map.copyOf(clientProperties);
    this.topics = topics;
    this.serdes = serdes;
    this.signer = signer;
  }

  /** Signs and sends {@code command}; returns the signed copy. */
  public ControlCommand send(ControlCommand command) {
    ControlCommand signed = signer.sign(command);
    Map<String, Object> props = new HashMap<>(client);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      producer.send(
          new ProducerRecord<>(
              topics.control(),
              signed.getModelId(),
              serdes.commands().serialize(topics.control(), signed)));
    }
    return signed;
  }

  /**
   * Follows the status of {@code commandId} until SUCCEEDED, FAILED or REJECTED, or until {@code
   * timeout}; every status read goes to {@code onStatus}.
   *
   * @return the last status, or null when none arrived in time
   */
  public TrainingStatus follow(
      String commandId, Duration timeout, Consumer<TrainingStatus> onStatus) {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    TrainingStatus last = null;
    long until = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topics.trainingStatus(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topics.trainingStatus(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (System.nanoTime() < until) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (!commandId.equals(record.key()) || record.value() == null) {
            continue;
          }
          last = serdes.status().deserialize(record.topic(), record.value());
          onStatus.accept(last);
          if (terminal(last.getState())) {
            return last;
          }
        }
      }
    }
    return last;
  }

  /** Whether a job in {@code state} has ended. */
  public static boolean terminal(TrainingState state) {
    return state == TrainingState.SUCCEEDED
        || state == TrainingState.FAILED
        || state == TrainingState.REJECTED;
  }
}
