package org.flipad.streams.topology;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flipad.core.data.ImageRejection;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;
import org.flipad.schema.ImageUpload;
import org.flipad.schema.InversionRequest;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.serde.AvroSerde;

/**
 * Takes each upload event, re-keyed by its id ({@link UploadKeying}), to either fan-out or a
 * terminal record: decodes the Avro value here rather than in a deserializer so that bad bytes
 * become dead letters through the topology (inside the exactly-once transaction) instead of a
 * handler's side channel; admits the image; answers re-uploads from the decision cache; and sends
 * one InversionRequest per watched model that accepts the image's size ({@link ImageScreening}
 * decides which, and whether the cache answers). Dead letters and verdicts name the producer's
 * record (topic, partition, offset, key), carried in {@link UploadOrigin} headers.
 *
 * <p>An upload by reference is checked at once (fields, allow-list, duplicate id), kept in the
 * {@code pending-fetches} store and fetched off the stream thread ({@link ReferenceFetches}); a
 * punctuator picks up each finished fetch and screens the upload then, so a slow image server holds
 * up only its own uploads.
 */
final class UploadProcessor implements Processor<byte[], byte[], String, Object> {

  /** How often finished fetches are picked up: a small share of an upload's deadline. */
  static final Duration FETCH_POLL = Duration.ofMillis(20);

  private final AvroSerde<ImageUpload> uploads;
  private final ModelCatalog catalog;
  private final ScreeningSettings settings;
  private final ScreeningListener listener;
  private final UploadIntake intake;
  private final Outcomes outcomes;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, PendingUpload> pending;
  private KeyValueStore<String, PendingFetch> fetching;
  private ReferenceFetches fetches;
  private ImageScreening screening;
  private TimeIndex deadlines;
  private DecidedUploads decided;
  private TerminalEmitter emit;

  UploadProcessor(
      AvroSerde<ImageUpload> uploads,
      ModelCatalog catalog,
      ScreeningSettings settings,
      ScreeningListener listener) {
    this.uploads = uploads;
    this.catalog = catalog;
    this.settings = settings;
    this.listener = listener;
    this.intake = new UploadIntake(settings);
    this.outcomes = new Outcomes(settings);
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.pending = context.getStateStore(ScreeningTopology.PENDING_STORE);
    this.screening =
        new ImageScreening(catalog, settings, context.getStateStore(ScreeningTopology.CACHE_STORE));
    this.deadlines = new TimeIndex(context.getStateStore(ScreeningTopology.DEADLINE_INDEX));
    this.decided = new DecidedUploads(context, settings.duplicateWindow().toMillis());
    this.emit =
        new TerminalEmitter(
            context,
            outcomes,
            listener,
            decided,
            new DecisionCacheExpiry(context, settings.cacheTtl().toMillis()));
    this.fetching = context.getStateStore(ScreeningTopology.FETCH_STORE);
    this.fetches = new ReferenceFetches(intake.fetcher());
    // Fetches a previous owner of this task left unfinished (a crash, a rebalance) start again.
    try (KeyValueIterator<String, PendingFetch> unfinished = fetching.all()) {
      while (unfinished.hasNext()) {
        restart(unfinished.next().value);
      }
    }
    context.schedule(FETCH_POLL, PunctuationType.WALL_CLOCK_TIME, this::screenFetched);
  }

  @Override
  public void close() {
    if (fetches != null) {
      fetches.close();
    }
  }

  @Override
  public void process(Record<byte[], byte[]> copy) {
    long now = context.currentSystemTimeMs();
    SourceCoordinates source = UploadOrigin.source(copy.headers(), readFrom());
    // From here on the record is the producer's: its key, not the re-keyed copy's.
    Record<byte[], byte[]> record = copy.withKey(UploadOrigin.key(copy.headers(), copy.key()));
    UploadDecoding.Decoded decoded = UploadDecoding.decode(uploads, record, source.topic());
    if (decoded.rejection() != null) {
      emit.deadLetterUnreadable(decoded.rejection(), source, record, now);
      return;
    }
    ImageUpload upload = decoded.upload();
    if (UploadIntake.byReference(upload)) {
      startFetch(upload, source, record, now);
      return;
    }
    screenAndEmit(upload, source, record, now, null);
  }

  /** Checks an upload by reference, files it as being fetched and starts the fetch. */
  private void startFetch(
      ImageUpload upload, SourceCoordinates source, Record<byte[], byte[]> record, long now) {
    URI uri;
    try {
      uri = intake.checkReference(upload);
      requireNewId(upload, now);
    } catch (ScreeningException e) {
      endInDeadLetter(e.rejection(), upload, source, record, now);
      return;
    }
    fetching.put(upload.getUploadId(), PendingFetch.of(upload.getUploadId(), source, record));
    fetches.submit(upload.getUploadId(), source.offset(), uri);
  }

  /** Punctuator: screens (or dead-letters) every upload whose fetch has ended. */
  private void screenFetched(long now) {
    for (ReferenceFetches.Completed done : fetches.drain()) {
      PendingFetch fetch = fetching.get(done.uploadId());
      if (fetch == null || fetch.sourceOffset() != done.sourceOffset()) {
        continue; // ended already, by a fetch submitted before a restart of this task
      }
      fetching.delete(done.uploadId());
      Record<byte[], byte[]> record = fetch.record();
      UploadDecoding.Decoded decoded = UploadDecoding.decode(uploads, record, fetch.sourceTopic());
      if (decoded.rejection() != null) {
        emit.deadLetterUnreadable(decoded.rejection(), fetch.source(), record, now);
      } else if (done.failure() != null) {
        endInDeadLetter(done.failure(), decoded.upload(), fetch.source(), record, now);
      } else {
        screenAndEmit(decoded.upload(), fetch.source(), record, now, done.bytes());
      }
    }
  }

  /** Starts again a fetch a previous owner of this task filed, against today's allow-list. */
  private void restart(PendingFetch fetch) {
    UploadDecoding.Decoded decoded =
        UploadDecoding.decode(uploads, fetch.record(), fetch.sourceTopic());
    if (decoded.rejection() != null) {
      fetches.fail(fetch.uploadId(), fetch.sourceOffset(), decoded.rejection());
      return;
    }
    try {
      URI uri = intake.checkReference(decoded.upload());
      fetches.submit(fetch.uploadId(), fetch.sourceOffset(), uri);
    } catch (ScreeningException e) {
      fetches.fail(fetch.uploadId(), fetch.sourceOffset(), e.rejection());
    }
  }

  /** Screens an upload whose image is at hand (inline, or fetched) and emits what it led to. */
  private void screenAndEmit(
      ImageUpload upload,
      SourceCoordinates source,
      Record<byte[], byte[]> record,
      long now,
      byte[] fetched) {
    ImageScreening.Screened screened;
    try {
      AdmittedImage image = intake.admit(upload, fetched);
      requireNewId(upload, now);
      screened = screening.screen(upload, image, source, now);
    } catch (ScreeningException e) {
      endInDeadLetter(e.rejection(), upload, source, record, now);
      return;
    } catch (ImageRejection e) {
      endInDeadLetter(UploadIntake.rejection(e), upload, source, record, now);
      return;
    } catch (RuntimeException e) {
      // A defect on one input must not stop the partition: it is dead-lettered with the cause so
      // it can be replayed once fixed. Store and producer failures happen below, outside this try.
      endInDeadLetter(
          new Rejection(
              DeadLetterReason.PROCESSING_ERROR,
              DeadLetterStage.VALIDATE,
              "Screening failed unexpectedly: " + e + ". Report it; the input is kept here.",
              e.getClass().getName()),
          upload,
          source,
          record,
          now);
      return;
    }
    if (screened.cachedDecision() != null) {
      emit.verdict(screened.cachedDecision(), now, true, null);
      return;
    }
    PendingUpload state = screened.state();
    if (state.complete()) {
      emit.verdict(state, now, false, screened.cacheKey());
      return;
    }
    pending.put(state.uploadId(), state);
    deadlines.add(state.deadlineAtMillis(), state.uploadId());
    listener.inFlight(1);
    // Kept for reviewers' feedback: a RETRAIN can train on images reviewers labelled.
    context.forward(
        new Record<>(state.sha256(), (Object) screened.encoded(), now),
        ScreeningTopology.IMAGES_SINK);
    for (InversionRequest request : screened.requests()) {
      context.forward(
          new Record<>(state.uploadId(), (Object) request, now), ScreeningTopology.REQUESTS_SINK);
    }
  }

  /**
   * Dead-letters an upload whose id could be read. Its id is not remembered as decided: the dead
   * letter tells the producer what to fix, and the fixed upload may come back under the same id.
   */
  private void endInDeadLetter(
      Rejection rejection,
      ImageUpload upload,
      SourceCoordinates source,
      Record<byte[], byte[]> record,
      long now) {
    emit.deadLetter(rejection, upload.getUploadId(), source, record.key(), record.value(), now);
  }

  /** Refuses an upload whose id is being fetched or screened, or ended within the window. */
  private void requireNewId(ImageUpload upload, long now) throws ScreeningException {
    if (pending.get(upload.getUploadId()) != null || fetching.get(upload.getUploadId()) != null) {
      throw duplicate(upload, "is still being screened");
    }
    Optional<DecidedUploads.Decided> ended = decided.find(upload.getUploadId(), now);
    if (ended.isPresent()) {
      throw duplicate(
          upload,
          "already ended in "
              + ended.get().outcome()
              + " at "
              + Instant.ofEpochMilli(ended.get().decidedAtMillis()));
    }
  }

  private ScreeningException duplicate(ImageUpload upload, String state) {
    return new ScreeningException(
        Rejection.of(
            DeadLetterReason.DUPLICATE_UPLOAD,
            DeadLetterStage.VALIDATE,
            "Upload id "
                + upload.getUploadId()
                + " "
                + state
                + "; an upload id gets one terminal record, so this event is not screened again."
                + " Give every upload a unique id; to screen the same image again send it with a"
                + " new id (the same bytes are answered from the decision cache)."));
  }

  private SourceCoordinates readFrom() {
    RecordMetadata metadata = context.recordMetadata().orElseThrow();
    return new SourceCoordinates(metadata.topic(), metadata.partition(), metadata.offset());
  }
}
