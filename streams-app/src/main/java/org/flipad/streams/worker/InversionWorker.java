package org.flipad.streams.worker;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;
import org.flipad.schema.InversionRequest;
import org.flipad.streams.deadletter.BoundedDeadLetters;
import org.flipad.streams.serde.SerdeException;
import org.flipad.streams.serde.SerdeFailure;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inversion worker: a member of the workers' consumer group on the request topic. Each poll's
 * requests are judged ({@link BatchJudge}) and their results written in one Kafka transaction with
 * the consumed offsets (consume-transform-produce), so a worker killed mid-batch leaves nothing
 * half-written: its open transaction is aborted and the requests are judged again by whoever takes
 * the partitions. Results keep the request's key (the upload id) so they land in the partition the
 * join expects.
 *
 * <p>Bounded memory: a poll takes at most {@code 4 × maxBatch} records, and nothing is queued
 * beyond what one poll returned. Requests are decoded with bounded lengths ({@link
 * org.flipad.streams.serde.AvroSerde}); one that cannot be read is dead-lettered, within the
 * dead-letter limits, in the batch's transaction.
 */
public final class InversionWorker implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InversionWorker.class);

  /** Time kept, out of a request's deadline, to judge it and commit after waiting for a load. */
  static final Duration JUDGING_RESERVE = Duration.ofMillis(500);

  /**
   * How long requests wait for a version newer than any loaded here whose activation this worker
   * has not read yet (its follower may lag the screening service's by a moment).
   */
  static final Duration UNANNOUNCED_VERSION_GRACE = Duration.ofSeconds(1);

  private final WorkerClients clients;
  private final Topics topics;
  private final ServiceSerdes serdes;
  private final WorkerSettings settings;
  private final BatchJudge judge;
  private final WorkerModels models;
  private final InstantSource clock;
  private final BoundedDeadLetters deadLetters;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean abandon;

  /**
   * A worker; call {@link #run} on its own thread.
   *
   * @param clientProperties Kafka client settings (bootstrap servers, security), passed unchanged
   * @param models this worker's detectors (used by its thread only; changes apply between polls)
   */
  public InversionWorker(
      Map<String, Object> clientProperties,
      Topics topics,
      ServiceSerdes serdes,
      WorkerSettings settings,
      WorkerModels models,
      WorkerListener listener) {
    this.clients = new WorkerClients(clientProperties, settings);
    this.topics = topics;
    this.serdes = serdes;
    this.settings = settings;
    this.clock = InstantSource.system();
    this.models = models;
    this.judge = new BatchJudge(models, settings, clock, listener);
    this.deadLetters = new BoundedDeadLetters(settings.deadLetterLimits());
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> requests =
            new KafkaConsumer<>(clients.consumerProperties());
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(clients.producerProperties())) {
      consumer = requests;
      producer.initTransactions();
      requests.subscribe(List.of(topics.requests()));
      while (running.get()) {
        models.refresh();
        List<ConsumerRecord<byte[], byte[]>> batch = poll(requests);
        if (batch.isEmpty() || abandon) {
          continue;
        }
        try {
          process(batch, requests, producer);
        } catch (ProducerFencedException | FencedInstanceIdException e) {
          LOG.warn("Worker {} was fenced by a newer instance; stopping", settings.workerId());
          return;
        } catch (KafkaException e) {
          if (abandon) {
            return;
          }
          LOG.warn("Transaction failed, aborting and re-reading the batch: {}", e.toString());
          producer.abortTransaction();
          WorkerClients.rewind(requests);
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } finally {
      stopped.countDown();
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> poll(KafkaConsumer<byte[], byte[]> requests) {
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
    requests.poll(Duration.ofMillis(200)).forEach(batch::add);
    if (batch.isEmpty()) {
      return batch;
    }
    // A short wait lets a batch fill while uploads arrive, trading a few ms for throughput.
    long fillUntil = System.nanoTime() + settings.batchWait().toNanos();
    while (batch.size() < settings.maxBatch() && System.nanoTime() < fillUntil) {
      ConsumerRecords<byte[], byte[]> more =
          requests.poll(Duration.ofNanos(Math.max(0, fillUntil - System.nanoTime())));
      if (more.isEmpty()) {
        break;
      }
      more.forEach(batch::add);
    }
    return batch;
  }

  private void process(
      List<ConsumerRecord<byte[], byte[]>> batch,
      KafkaConsumer<byte[], byte[]> requests,
      KafkaProducer<String, byte[]> producer) {
    List<InversionRequest> parsed = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> sources = new ArrayList<>();
    producer.beginTransaction();
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      try {
        Header schemaId = record.headers().lastHeader("__value_schema_id");
        InversionRequest request =
            serdes
                .requests()
                .deserialize(
                    record.topic(), schemaId == null ? null : schemaId.value(), record.value());
        if (request == null) {
          throw new SerdeException(SerdeFailure.UNDECODABLE_AVRO, "null request value");
        }
        parsed.add(request);
        sources.add(record);
      } catch (SerdeException e) {
        deadLetter(producer, record, e.failure().deadLetterReason(), e.getMessage(), null);
      }
    }
    awaitArrivingVersions(parsed);
    List<Judged> judged = judge.judge(parsed);
    for (int i = 0; i < judged.size(); i++) {
      ConsumerRecord<byte[], byte[]> source = sources.get(i);
      Judged j = judged.get(i);
      producer.send(
          new ProducerRecord<>(
              topics.results(),
              j.result().getUploadId(),
              serdes.results().serialize(topics.results(), j.result())));
      if (j.exhausted()) {
        deadLetter(
            producer,
            source,
            DeadLetterReason.WORKER_ERROR,
            j.result().getError().getDetail(),
            j.result().getUploadId());
      }
    }
    if (abandon) {
      throw new KafkaException("worker " + settings.workerId() + " was killed mid-batch");
    }
    producer.sendOffsetsToTransaction(WorkerClients.nextOffsets(batch), requests.groupMetadata());
    producer.commitTransaction();
  }

  /**
   * Holds the batch while a model version its requests name is being loaded here (a swap in
   * progress), so they are judged by it instead of answered MODEL_UNAVAILABLE. The wait ends at the
   * earliest such request's deadline less {@link #JUDGING_RESERVE}, and after at most {@link
   * #UNANNOUNCED_VERSION_GRACE} for a version this worker has not yet seen activated.
   */
  private void awaitArrivingVersions(List<InversionRequest> requests) {
    Map<String, Map.Entry<String, Integer>> wanted = new LinkedHashMap<>();
    long until = Long.MAX_VALUE;
    long now = clock.millis();
    for (InversionRequest request : requests) {
      String modelId = request.getModelId();
      int version = request.getModelVersion();
      if (!models.arriving(modelId, version)) {
        continue;
      }
      wanted.put(modelId + "@" + version, Map.entry(modelId, version));
      long bound = request.getDeadlineAt().toEpochMilli() - JUDGING_RESERVE.toMillis();
      if (!models.beingFetched(modelId, version)) {
        bound = Math.min(bound, now + UNANNOUNCED_VERSION_GRACE.toMillis());
      }
      until = Math.min(until, bound);
    }
    if (wanted.isEmpty() || until <= now) {
      return;
    }
    try {
      boolean arrived = models.awaitArrivals(wanted.values(), until, clock);
      LOG.info(
          "Waited {} ms for {} to load: {}",
          clock.millis() - now,
          wanted.keySet(),
          arrived ? "loaded" : "not loaded in time, answering MODEL_UNAVAILABLE");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deadLetter(
      KafkaProducer<String, byte[]> producer,
      ConsumerRecord<byte[], byte[]> source,
      DeadLetterReason reason,
      String detail,
      String uploadId) {
    DeadLetter.Builder draft =
        DeadLetter.newBuilder()
            .setReason(reason)
            .setStage(DeadLetterStage.INVERT)
            .setDetail(detail)
            .setUploadId(uploadId != null ? uploadId : deadLetters.uploadIdOfKey(source.key()))
            .setExceptionClass(null)
            .setSourceTopic(source.topic())
            .setSourcePartition(source.partition())
            .setSourceOffset(source.offset())
            .setOriginalValueReference(null)
            .setFailedAt(Instant.ofEpochMilli(clock.millis()))
            .setAttempt(settings.maxAttempts())
            .setServiceInstance(settings.workerId());
    // Within the dead-letter limits, so the transaction never carries a record too large to send.
    DeadLetter letter = deadLetters.build(draft, source.key(), source.value());
    producer.send(
        new ProducerRecord<>(
            topics.deadLetters(),
            letter.getUploadId(),
            serdes.deadLetters().serialize(topics.deadLetters(), letter)));
  }

  /** Stops after the batch in progress is committed. */
  @Override
  public void close() {
    running.set(false);
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    awaitStop();
  }

  /**
   * Simulates a crash for tests and chaos drills: the batch in progress is never committed and its
   * transaction is left to be aborted, exactly as when the process is killed.
   */
  public void kill() {
    abandon = true;
    running.set(false);
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    awaitStop();
  }

  private void awaitStop() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
