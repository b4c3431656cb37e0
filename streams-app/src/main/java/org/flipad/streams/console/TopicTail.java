package org.flipad.streams.console;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of one topic on a thread of its own, without a consumer group (nothing is
 * committed; each console instance sees every record), and hands each record to a sink. Reads
 * committed records only, as the service writes its topics in transactions.
 */
final class TopicTail implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

  /** Start at the beginning of each partition rather than near its end. */
  static final int FROM_BEGINNING = -1;

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final int backlog;
  private final Consumer<ConsumerRecord<String, byte[]>> sink;
  private final Thread thread;
  private volatile boolean closed;

  /**
   * @param client Kafka client settings
   * @param topic the topic read
   * @param backlog how many of the latest records of each partition to read first, or {@link
   *     #FROM_BEGINNING}
   * @param sink gets each record, on the tail's thread
   */
  TopicTail(
      Map<String, Object> client,
      String topic,
      int backlog,
      Consumer<ConsumerRecord<String, byte[]>> sink) {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(props);
    this.topic = topic;
    this.backlog = backlog;
    this.sink = sink;
    this.thread = new Thread(this::run, "console-tail-" + topic);
    thread.setDaemon(true);
  }

  TopicTail start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      assign();
      while (!closed) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          try {
            sink.accept(record);
          } catch (RuntimeException e) {
            // One record the console cannot show must not stop the others from showing.
            LOG.warn(
                "Console skips {}-{}@{}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                e.toString());
          }
        }
      }
    } catch (WakeupException e) {
      if (!closed) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("The console stopped reading {}; restart the service to resume", topic, e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void assign() {
    List<PartitionInfo> infos = List.of();
    while (!closed && infos.isEmpty()) {
      infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        LOG.warn("Topic {} has no partitions yet; the console waits for it", topic);
        infos = List.of();
      }
    }
    List<TopicPartition> partitions =
        infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    if (backlog == FROM_BEGINNING) {
      consumer.seekToBeginning(partitions);
      return;
    }
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
    consumer
        .endOffsets(partitions)
        .forEach((tp, end) -> consumer.seek(tp, Math.max(begin.get(tp), end - backlog)));
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
