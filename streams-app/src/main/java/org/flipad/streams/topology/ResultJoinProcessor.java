package org.flipad.streams.topology;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flipad.schema.DeadLetterStage;
import org.flipad.schema.Decision;
import org.flipad.schema.InversionResult;
import org.flipad.schema.UndecidedReason;
import org.flipad.streams.serde.AvroSerde;
import org.flipad.streams.serde.SerdeException;

/**
 * Joins worker results to their uploads in the pending store, keyed by upload id, and emits the
 * verdict once every watched model has answered. A wall-clock punctuator ends uploads whose
 * deadline has passed as UNDECIDED with TIMEOUT and expires old entries of the decision cache.
 * Results for uploads already decided, or for a model that already answered, are ignored: they are
 * late or redelivered, and the upload already has its one verdict.
 */
final class ResultJoinProcessor implements Processor<byte[], byte[], String, Object> {

  private final AvroSerde<InversionResult> results;
  private final ScreeningSettings settings;
  private final ScreeningListener listener;
  private final Outcomes outcomes;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, PendingUpload> pending;
  private TerminalEmitter emit;
  private TimeIndex deadlines;
  private boolean deadlinesIndexed;
  private DecidedUploads decided;
  private DecisionCacheExpiry cacheExpiry;
  private long nextCacheSweep;
  private long nextDecidedExpiry;

  ResultJoinProcessor(
      AvroSerde<InversionResult> results, ScreeningSettings settings, ScreeningListener listener) {
    this.results = results;
    this.settings = settings;
    this.listener = listener;
    this.outcomes = new Outcomes(settings);
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.pending = context.getStateStore(ScreeningTopology.PENDING_STORE);
    this.deadlines = new TimeIndex(context.getStateStore(ScreeningTopology.DEADLINE_INDEX));
    this.decided = new DecidedUploads(context, settings.duplicateWindow().toMillis());
    this.cacheExpiry = new DecisionCacheExpiry(context, settings.cacheTtl().toMillis());
    this.emit = new TerminalEmitter(context, outcomes, listener, decided, cacheExpiry);
    context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    long now = context.currentSystemTimeMs();
    RecordMetadata metadata = context.recordMetadata().orElseThrow();
    InversionResult result;
    try {
      Header schemaId = record.headers().lastHeader("__value_schema_id");
      result =
          results.deserialize(
              metadata.topic(), schemaId == null ? null : schemaId.value(), record.value());
    } catch (SerdeException e) {
      emit.deadLetterUnreadable(
          new Rejection(
              e.failure().deadLetterReason(),
              DeadLetterStage.JOIN,
              "An inversion result could not be read: " + e.getMessage(),
              e.getClass().getName()),
          new SourceCoordinates(metadata.topic(), metadata.partition(), metadata.offset()),
          record,
          now);
      return;
    }
    if (result == null) {
      listener.lateResult(LateResult.TOMBSTONE);
      return;
    }
    PendingUpload upload = pending.get(result.getUploadId());
    if (upload == null) {
      listener.lateResult(LateResult.NOT_PENDING);
      return;
    }
    int index = upload.awaitingIndex(result.getModelId(), result.getModelVersion());
    if (index < 0) {
      listener.lateResult(LateResult.NOT_AWAITED);
      return;
    }
    PendingUpload updated = upload.withModel(index, outcome(result));
    if (updated.complete()) {
      pending.delete(updated.uploadId());
      deadlines.remove(updated.deadlineAtMillis(), updated.uploadId());
      listener.inFlight(-1);
      emit.verdict(updated, now, false, cacheKey(updated));
    } else {
      pending.put(updated.uploadId(), updated);
    }
  }

  private void expire(long now) {
    if (!deadlinesIndexed) {
      indexDeadlines();
    }
    // Only the due entries of the deadline index are read, however many uploads are in flight.
    for (String uploadId : deadlines.takeDue(now)) {
      PendingUpload upload = pending.get(uploadId);
      if (upload == null) {
        continue;
      }
      pending.delete(uploadId);
      listener.inFlight(-1);
      emit.verdict(
          upload.mapPending(
              m -> ModelOutcome.undecided(m.modelId(), m.modelVersion(), UndecidedReason.TIMEOUT)),
          now,
          false,
          null);
    }
    if (now >= nextDecidedExpiry) {
      decided.expire(now);
      nextDecidedExpiry = now + 1_000;
    }
    if (now >= nextCacheSweep) {
      // The global store is read-only here: expiry goes through the topic like every write.
      cacheExpiry.expire(
          now,
          key -> context.forward(new Record<>(key, null, now), ScreeningTopology.DECISIONS_SINK));
      nextCacheSweep = now + Math.max(1_000, settings.cacheTtl().toMillis() / 10);
    }
  }

  /**
   * Files every pending upload under its deadline, once per task: state written before the index
   * existed has no index entries, and re-adding an existing entry changes nothing.
   */
  private void indexDeadlines() {
    try (KeyValueIterator<String, PendingUpload> all = pending.all()) {
      while (all.hasNext()) {
        PendingUpload upload = all.next().value;
        deadlines.add(upload.deadlineAtMillis(), upload.uploadId());
      }
    }
    deadlinesIndexed = true;
  }

  private static ModelOutcome outcome(InversionResult result) {
    long queue = result.getTimings().getQueueMs();
    long decode = result.getTimings().getDecodeMs();
    long inversion = result.getTimings().getInversionMs();
    long scoring = result.getTimings().getScoringMs();
    if (result.getError() != null) {
      UndecidedReason reason =
          switch (result.getError().getReason()) {
            case MODEL_UNAVAILABLE -> UndecidedReason.MODEL_UNAVAILABLE;
            case DEADLINE_EXCEEDED -> UndecidedReason.TIMEOUT;
            default -> UndecidedReason.WORKER_ERROR;
          };
      return new ModelOutcome(
          result.getModelId(),
          result.getModelVersion(),
          Decision.UNDECIDED,
          null,
          null,
          null,
          null,
          reason,
          result.getWorkerId(),
          queue,
          decode,
          inversion,
          scoring);
    }
    return new ModelOutcome(
        result.getModelId(),
        result.getModelVersion(),
        result.getDecision(),
        result.getScore(),
        result.getPValue(),
        result.getFnr(),
        result.getThreshold(),
        result.getDecision() == Decision.UNDECIDED ? UndecidedReason.WORKER_ERROR : null,
        result.getWorkerId(),
        queue,
        decode,
        inversion,
        scoring);
  }

  /** The cache key the upload processor used, unless a model could not decide. */
  private static String cacheKey(PendingUpload upload) {
    if (upload.models().stream().anyMatch(m -> m.decision() == Decision.UNDECIDED)) {
      return null;
    }
    return upload.cacheKey();
  }
}
