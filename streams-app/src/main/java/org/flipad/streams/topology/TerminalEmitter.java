package org.flipad.streams.topology;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.flipad.schema.Alert;
import org.flipad.schema.AttributionVerdict;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.Decision;

/**
 * Writes an upload's terminal records, all from the same processor call so that under exactly-once
 * they commit together: the verdict, its alerts and its audit record; or the dead letter and its
 * audit record. A fully decided verdict (no UNDECIDED model) is also cached for re-uploads; an
 * UNDECIDED one is not, so a re-upload gets another chance. With {@link DecidedUploads}, every
 * verdict's upload id is remembered for the duplicate window.
 */
final class TerminalEmitter {

  private final ProcessorContext<String, Object> context;
  private final Outcomes outcomes;
  private final ScreeningListener listener;
  private final DecidedUploads decidedUploads;
  private final DecisionCacheExpiry cacheExpiry;

  /**
   * @param decided where verdicts' upload ids are remembered, or null where no upload can be
   *     decided (the re-keying step)
   * @param cacheExpiry where cached decisions are filed for expiry, or null where none is written
   */
  TerminalEmitter(
      ProcessorContext<String, Object> context,
      Outcomes outcomes,
      ScreeningListener listener,
      DecidedUploads decided,
      DecisionCacheExpiry cacheExpiry) {
    this.context = context;
    this.outcomes = outcomes;
    this.listener = listener;
    this.decidedUploads = decided;
    this.cacheExpiry = cacheExpiry;
  }

  /** Emits the verdict of {@code upload} decided at {@code now}. */
  void verdict(PendingUpload upload, long now, boolean cached, String cacheKey) {
    AttributionVerdict verdict = outcomes.verdict(upload, now, cached);
    String key = upload.uploadId();
    context.forward(new Record<>(key, verdict, now), ScreeningTopology.VERDICTS_SINK);
    for (Alert alert : outcomes.alerts(verdict)) {
      context.forward(new Record<>(key, (Object) alert, now), ScreeningTopology.ALERTS_SINK);
    }
    context.forward(
        new Record<>(key, (Object) outcomes.audit(verdict), now), ScreeningTopology.AUDIT_SINK);
    boolean decided = upload.models().stream().noneMatch(m -> m.decision() == Decision.UNDECIDED);
    if (!cached && decided && cacheKey != null && !upload.models().isEmpty()) {
      context.forward(
          new Record<>(cacheKey, (Object) new CachedDecision(now, upload), now),
          ScreeningTopology.DECISIONS_SINK);
      if (cacheExpiry != null) {
        cacheExpiry.written(cacheKey, now);
      }
    }
    if (decidedUploads != null) {
      decidedUploads.remember(key, "verdict " + verdict.getVerdictId(), now);
    }
    listener.verdict(verdict.getVerdict(), cached, verdict.getTimings().getEndToEndMs());
  }

  /**
   * Emits the dead letter of an input record whose value could not be read, identified by its key
   * when that is a valid upload id (else by its coordinates), with its raw key and value.
   */
  void deadLetterUnreadable(
      Rejection rejection, SourceCoordinates source, Record<byte[], byte[]> record, long now) {
    deadLetter(
        rejection,
        outcomes.deadLetters().uploadIdOfKey(record.key()),
        source,
        record.key(),
        record.value(),
        now);
  }

  /**
   * Emits a dead letter and its audit record, keyed by the upload id when it is known and within
   * the dead-letter limits, else null.
   */
  void deadLetter(
      Rejection rejection,
      String uploadId,
      SourceCoordinates source,
      byte[] originalKey,
      byte[] originalValue,
      long now) {
    DeadLetter deadLetter =
        outcomes.deadLetter(rejection, uploadId, source, originalKey, originalValue, now);
    String key = deadLetter.getUploadId();
    context.forward(new Record<>(key, deadLetter, now), ScreeningTopology.DEAD_LETTER_SINK);
    context.forward(
        new Record<>(key, (Object) outcomes.audit(deadLetter), now), ScreeningTopology.AUDIT_SINK);
    listener.deadLetter(rejection.reason());
  }
}
