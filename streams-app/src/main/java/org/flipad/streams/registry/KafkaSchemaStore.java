package org.flipad.streams.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flipad.streams.topic.SinglePartitionTopic;

/**
 * A {@link SchemaStore} on a compacted Kafka topic with one partition (the way Confluent keeps
 * {@code _schemas}): key = JSON {@code {"subject", "version"}}, value = JSON of the {@link
 * SchemaRecord}. One partition keeps the append order; compaction never drops a record because
 * every (subject, version) is written once.
 *
 * <p>The topic is created through {@link Admin} when absent (1 partition, {@code
 * cleanup.policy=compact}, the broker's default replication factor); an existing topic with more
 * partitions is refused. {@link #append} produces synchronously (acks=all, idempotent) and returns
 * once the broker acknowledged; {@link #replay} reads from the beginning up to the end offset
 * captured when it starts. The client properties (bootstrap servers, security) are passed unchanged
 * to the admin, producer and consumer; only the settings this contract needs are set over them.
 * Thread-safe; close it after the registry using it.
 */
public final class KafkaSchemaStore implements SchemaStore, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<String, Object> clientProperties;
  private final KafkaSchemaStoreSettings settings;
  private final TopicPartition partition;
  private final KafkaProducer<String, String> producer;

  private record Key(String subject, int version) {}

  /**
   * A store on {@code settings.topic()}, creating the topic when absent.
   *
   * @param clientProperties Kafka client settings, e.g. {@code bootstrap.servers} and {@code
   *     security.protocol}
   * @throws IllegalStateException when the topic cannot be created or described in time, or has
   *     more than one partition
   */
  public KafkaSchemaStore(Map<String, ?> clientProperties, KafkaSchemaStoreSettings settings) {
    this.clientProperties =
        Map.copyOf(Objects.requireNonNull(clientProperties, "clientProperties"));
    this.settings = Objects.requireNonNull(settings, "settings");
    this.partition = new TopicPartition(settings.topic(), 0);
    ensureTopic();
    this.producer = new KafkaProducer<>(producerProperties());
  }

  /** A store on {@value KafkaSchemaStoreSettings#DEFAULT_TOPIC} with the default timeout. */
  public KafkaSchemaStore(Map<String, ?> clientProperties) {
    this(clientProperties, KafkaSchemaStoreSettings.defaults());
  }

  /** A store configured from {@link Properties} (keys as strings), e.g. a client config file. */
  public static KafkaSchemaStore of(
      Properties clientProperties, KafkaSchemaStoreSettings settings) {
    Map<String, Object> map = new HashMap<>();
    clientProperties.forEach((key, value) -> map.put(String.valueOf(key), value));
    return new KafkaSchemaStore(map, settings);
  }

  /** The topic holding the records. */
  public String topic() {
    return settings.topic();
  }

  @Override
  public void append(SchemaRecord record) {
    ProducerRecord<String, String> message =
        new ProducerRecord<>(
            settings.topic(),
            partition.partition(),
            json(new Key(record.subject(), record.version())),
            json(record));
    try {
      producer.send(message).get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw appendFailed(record, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw appendFailed(record, e);
    }
  }

  @Override
  public void replay(Consumer<SchemaRecord> sink) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
      consumer.assign(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), settings.timeout()).get(partition);
      consumer.seekToBeginning(List.of(partition));
      // A bound on waiting for I/O, not logic: the monotonic clock, not an injected wall clock.
      long deadline = System.nanoTime() + settings.timeout().toNanos();
      while (consumer.position(partition, settings.timeout()) < end) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              "Replaying schema topic '"
                  + settings.topic()
                  + "' did not reach end offset "
                  + end
                  + " within "
                  + settings.timeout()
                  + " (at offset "
                  + consumer.position(partition)
                  + "). Check the brokers are reachable or raise the store timeout.");
        }
        for (ConsumerRecord<String, String> message : consumer.poll(POLL)) {
          if (message.offset() < end && message.value() != null) {
            sink.accept(parse(message));
          }
        }
      }
    }
  }

  /** Closes the producer, waiting up to the store timeout for sends in flight. */
  @Override
  public void close() {
    producer.close(settings.timeout());
  }

  private void ensureTopic() {
    new SinglePartitionTopic(
            settings.topic(),
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
            settings.timeout(),
            "schema",
            "to keep the append order")
        .ensure(clientProperties);
  }

  private Map<String, Object> producerProperties() {
    Map<String, Object> properties = new HashMap<>(clientProperties);
    // Set over the caller's: the store's durability promise depends on them.
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    return properties;
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> properties = new HashMap<>(clientProperties);
    // Assigned, not subscribed: no group, no committed offsets; every replay starts at 0.
    properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return properties;
  }

  private SchemaRecord parse(ConsumerRecord<String, String> message) {
    try {
      return JSON.readValue(message.value(), SchemaRecord.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "Record at offset "
              + message.offset()
              + " of schema topic '"
              + settings.topic()
              + "' is not a schema record (JSON with subject, version, id, schema): "
              + e.getOriginalMessage()
              + ". Only the schema registry may write to this topic.",
          e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + value + " as JSON", e);
    }
  }

  private SchemaRegistryException appendFailed(SchemaRecord record, Exception e) {
    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
    return new SchemaRegistryException(
        RegistryError.SERVER_ERROR,
        "Error in the backend data store: schema "
            + record.subject()
            + " v"
            + record.version()
            + " (id "
            + record.id()
            + ") was not acknowledged by topic '"
            + settings.topic()
            + "' within "
            + settings.timeout()
            + ": "
            + cause
            + ". The version was not registered; retry once the brokers are reachable.",
        cause);
  }
}
