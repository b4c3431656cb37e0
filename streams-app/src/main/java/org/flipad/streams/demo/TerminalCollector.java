package org.flipad.streams.demo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flipad.schema.AttributionVerdict;
import org.flipad.schema.AuditRecord;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.DeadLetterStage;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;

/**
 * Reads the verdict, dead-letter and audit topics back (read_committed, as downstream consumers
 * would) and records how each upload ended, counting any upload that ends twice. Dead letters of
 * the worker stage concern a request, not an upload, and are counted apart.
 */
public final class TerminalCollector implements Runnable, AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final Topics topics;
  private final ServiceSerdes serdes;
  private final Map<String, Terminal> terminals = new ConcurrentHashMap<>();
  private final AtomicInteger duplicates = new AtomicInteger();
  private final AtomicInteger reread = new AtomicInteger();
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
  private final Map<String, Integer> terminalCounts = new ConcurrentHashMap<>();
  private final Map<String, Integer> auditCounts = new ConcurrentHashMap<>();
  private final AtomicInteger audits = new AtomicInteger();
  private final AtomicInteger workerDeadLetters = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  /** Starts reading on its own thread. */
  public TerminalCollector(
      Map<String, Object> clientProperties, Topics topics, ServiceSerdes serdes, String groupId) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumer = new KafkaConsumer<>(props);
    this.topics = topics;
    this.serdes = serdes;
    consumer.subscribe(List.of(topics.verdicts(), topics.deadLetters(), topics.audit()));
    this.thread = new Thread(this, "terminal-collector");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    try {
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          take(record);
        }
      }
    } catch (WakeupException e) {
      // close() woke the poll to stop; nothing was lost, the records are still in the topics
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void take(ConsumerRecord<String, byte[]> record) {
    // After a broker restart or a rebalance this reader may be handed records again from its last
    // committed offset; those are the same records, not new ones, and must not count as duplicates.
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    long next = nextOffsets.getOrDefault(partition, 0L);
    if (record.offset() < next) {
      reread.incrementAndGet();
      return;
    }
    nextOffsets.put(partition, record.offset() + 1);
    if (record.topic().equals(topics.audit())) {
      audits.incrementAndGet();
      AuditRecord audit = serdes.audit().deserialize(record.topic(), record.value());
      String id = audit.getUploadId() != null ? audit.getUploadId() : record.key();
      if (id != null) {
        auditCounts.merge(id, 1, Integer::sum);
      }
    } else if (record.topic().equals(topics.verdicts())) {
      AttributionVerdict v = serdes.verdicts().deserialize(record.topic(), record.value());
      put(
          new Terminal(
              v.getUploadId(),
              v.getVerdict(),
              null,
              v.getUndecidedReason() == null ? null : v.getUndecidedReason().name(),
              v.getCached(),
              v.getTimings().getEndToEndMs(),
              v.getModels().isEmpty() ? null : v.getModels().get(0).getDecision(),
              v.getModels().isEmpty() ? null : v.getModels().get(0).getModelVersion(),
              new LatencySplit(
                  v.getTimings().getQueueMs(),
                  v.getTimings().getDecodeMs(),
                  v.getTimings().getInversionMs(),
                  v.getTimings().getScoringMs(),
                  v.getTimings().getEndToEndMs())));
    } else {
      DeadLetter d = serdes.deadLetters().deserialize(record.topic(), record.value());
      if (d.getStage() == DeadLetterStage.INVERT) {
        workerDeadLetters.incrementAndGet();
        return;
      }
      String id = d.getUploadId() != null ? d.getUploadId() : record.key();
      put(new Terminal(id, null, d.getReason(), d.getDetail(), false, 0, null, null, null));
    }
  }

  private void put(Terminal terminal) {
    terminalCounts.merge(terminal.uploadId(), 1, Integer::sum);
    if (terminals.putIfAbsent(terminal.uploadId(), terminal) != null) {
      duplicates.incrementAndGet();
    }
  }

  /** How each upload ended so far, by upload id. */
  public Map<String, Terminal> terminals() {
    return Map.copyOf(terminals);
  }

  /** Uploads ended so far. */
  public int count() {
    return terminals.size();
  }

  /** Terminal records beyond the first for an upload (must stay 0). */
  public int duplicates() {
    return duplicates.get();
  }

  /** Terminal records read per upload id (more than 1 is a duplicate). */
  public Map<String, Integer> terminalCounts() {
    return Map.copyOf(terminalCounts);
  }

  /** Audit records read per upload id. */
  public Map<String, Integer> auditCounts() {
    return Map.copyOf(auditCounts);
  }

  /** Records handed to this reader a second time (same partition and offset), and ignored. */
  public int reread() {
    return reread.get();
  }

  /** Audit records read. */
  public int audits() {
    return audits.get();
  }

  /** Dead letters of requests the workers gave up on. */
  public int workerDeadLetters() {
    return workerDeadLetters.get();
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
