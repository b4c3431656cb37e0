package org.flipad.streams.topic;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * committed; each process that runs one sees every record), and hands each record to a sink. Reads
 * committed records only, as the service writes its topics in transactions.
 */
public final class TopicTail implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final Function<KafkaConsumer<String, byte[]>, Map<TopicPartition, Long>> start;
  private final Consumer<ConsumerRecord<String, byte[]>> sink;
  private final Thread thread;
  private volatile boolean closed;

  /** A tail that reads {@code topic} from the beginning of each partition. */
  public static TopicTail fromBeginning(
      Map<String, Object> client, String topic, Consumer<ConsumerRecord<String, byte[]>> sink) {
    return new TopicTail(client, topic, TopicTail::beginnings, sink);
  }

  /** A tail that first reads the latest {@code backlog} records of each partition. */
  public static TopicTail latest(
      Map<String, Object> client,
      String topic,
      int backlog,
      Consumer<ConsumerRecord<String, byte[]>> sink) {
    return new TopicTail(
        client,
        topic,
        consumer -> {
          Map<TopicPartition, Long> begin = beginnings(consumer);
          Map<TopicPartition, Long> positions = new HashMap<>();
          consumer
              .endOffsets(begin.keySet())
              .forEach((tp, end) -> positions.put(tp, Math.max(begin.get(tp), end - backlog)));
          return positions;
        },
        sink);
  }

  /** A tail that starts at the first record of each partition written at or after {@code from}. */
  public static TopicTail since(
      Map<String, Object> client,
      String topic,
      Instant from,
      Consumer<ConsumerRecord<String, byte[]>> sink) {
    return new TopicTail(
        client,
        topic,
        consumer -> {
          Map<TopicPartition, Long> times = new HashMap<>();
          consumer.assignment().forEach(tp -> times.put(tp, from.toEpochMilli()));
          Map<TopicPartition, Long> ends = consumer.endOffsets(times.keySet());
          Map<TopicPartition, Long> positions = new HashMap<>();
          consumer
              .offsetsForTimes(times)
              .forEach(
                  (tp, found) -> positions.put(tp, found == null ? ends.get(tp) : found.offset()));
          return positions;
        },
        sink);
  }

  /**
   * @param client Kafka client settings
   * @param topic the topic read
   * @param start where to start in each assigned partition
   * @param sink gets each record, on the tail's thread
   */
  private TopicTail(
      Map<String, Object> client,
      String topic,
      Function<KafkaConsumer<String, byte[]>, Map<TopicPartition, Long>> start,
      Consumer<ConsumerRecord<String, byte[]>> sink) {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(props);
    this.topic = topic;
    this.start = start;
    this.sink = sink;
    this.thread = new Thread(this::run, "tail-" + topic);
    thread.setDaemon(true);
  }

  /** Starts reading. */
  public TopicTail start() {
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
                "Skipping {}-{}@{}: {}",
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
      LOG.error("Stopped reading {}; restart the service to resume", topic, e);
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
    start.apply(consumer).forEach(consumer::seek);
  }

  private static Map<TopicPartition, Long> beginnings(KafkaConsumer<String, byte[]> consumer) {
    return consumer.beginningOffsets(consumer.assignment());
  }

  /** Stops reading and closes the consumer; waits up to 10 s for the thread. */
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
