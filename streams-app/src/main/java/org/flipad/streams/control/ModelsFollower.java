package org.flipad.streams.control;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flipad.schema.ModelVersion;
import org.flipad.streams.serde.AvroSerde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code flipad.models} topic from its beginning, for ever, into {@link ModelVersions},
 * and tells its listeners about every record. Every process that serves models (the screening
 * service, each worker process, the trainer) runs one, without a consumer group: each needs the
 * whole topic. A record that cannot be read is logged and skipped: one bad record must not stop hot
 * swaps of every other model.
 */
public final class ModelsFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelsFollower.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final AvroSerde<ModelVersion> serde;
  private final ModelVersions versions = new ModelVersions();
  private final List<Consumer<ModelVersion>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;

  /**
   * Starts following {@code topic}.
   *
   * @param clientProperties Kafka client settings, passed through
   */
  public ModelsFollower(
      Map<String, Object> clientProperties, String topic, AvroSerde<ModelVersion> serde) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(props);
    this.topic = topic;
    this.serde = serde;
    this.thread = new Thread(this::run, "models-follower");
    thread.setDaemon(true);
  }

  /** Adds a listener told of every record from now on (call before {@link #start}). */
  public void onChange(Consumer<ModelVersion> listener) {
    listeners.add(listener);
  }

  /** Starts reading. */
  public ModelsFollower start() {
    thread.start();
    return this;
  }

  /** The folded state. */
  public ModelVersions versions() {
    return versions;
  }

  /** Waits until everything in the topic at start has been read. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      List<TopicPartition> partitions = partitions();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          take(record);
        }
        if (caughtUp.getCount() > 0
            && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      // close() stops the loop
    } catch (RuntimeException e) {
      // Serving goes on with the models it has; only changes stop arriving, which the log says.
      LOG.error("Following {} stopped; model changes will not be applied: {}", topic, e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private List<TopicPartition> partitions() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException(
          "Topic " + topic + " does not exist; create it (compacted) before starting the service.");
    }
    return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
  }

  private void take(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return;
    }
    ModelVersion version;
    try {
      version = serde.deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      LOG.error(
          "Skipping unreadable model record at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.toString());
      return;
    }
    versions.apply(version);
    for (Consumer<ModelVersion> listener : listeners) {
      try {
        listener.accept(version);
      } catch (RuntimeException e) {
        LOG.error(
            "Applying {}@{} ({}) failed: {}",
            version.getModelId(),
            version.getVersion(),
            version.getState(),
            e.toString());
      }
    }
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
