package org.flipad.streams.topology;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flipad.schema.Alert;
import org.flipad.schema.AlertKind;
import org.flipad.schema.AttributionVerdict;
import org.flipad.schema.AuditOutcome;
import org.flipad.schema.AuditRecord;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.DeadLetterSummary;
import org.flipad.schema.Decision;
import org.flipad.schema.ModelAttribution;
import org.flipad.schema.UndecidedReason;
import org.flipad.schema.VerdictSummary;
import org.flipad.schema.VerdictTimings;
import org.flipad.streams.deadletter.BoundedDeadLetters;

/**
 * Builds the terminal records of an upload: the verdict with its alerts and audit record, or the
 * dead letter with its audit record. Ids are derived from the upload id, so a record rebuilt after
 * a crash has the id the lost one would have had.
 *
 * <p>The overall answer: ATTRIBUTED when some model attributes the image (the one with the largest
 * p-value names it); otherwise UNDECIDED when some model could not answer (its reason); otherwise
 * NOT_ATTRIBUTED. An upload with no watched model is UNDECIDED with NO_MODELS.
 */
final class Outcomes {

  private final String serviceInstance;
  private final BoundedDeadLetters deadLetters;

  /** Outcomes written as {@code settings.serviceInstance()}, dead letters within its limits. */
  Outcomes(ScreeningSettings settings) {
    this.serviceInstance = settings.serviceInstance();
    this.deadLetters = new BoundedDeadLetters(settings.deadLetterLimits());
  }

  /** The dead-letter bounds, for reading an upload id from a raw key. */
  BoundedDeadLetters deadLetters() {
    return deadLetters;
  }

  /** An upload's verdict. */
  AttributionVerdict verdict(PendingUpload upload, long decidedAtMillis, boolean cached) {
    List<ModelAttribution> models = upload.models().stream().map(Outcomes::attribution).toList();
    Optional<ModelOutcome> attributed =
        upload.models().stream()
            .filter(m -> m.decision() == Decision.ATTRIBUTED)
            .max(Comparator.comparing(m -> m.pValue() == null ? 0.0 : m.pValue()));
    Optional<ModelOutcome> undecided =
        upload.models().stream().filter(m -> m.decision() == Decision.UNDECIDED).findFirst();
    Decision overall;
    UndecidedReason reason = null;
    if (attributed.isPresent()) {
      overall = Decision.ATTRIBUTED;
    } else if (upload.models().isEmpty()) {
      overall = Decision.UNDECIDED;
      reason = UndecidedReason.NO_MODELS;
    } else if (undecided.isPresent()) {
      overall = Decision.UNDECIDED;
      reason = undecided.get().undecidedReason();
    } else {
      overall = Decision.NOT_ATTRIBUTED;
    }
    String workerId =
        attributed
            .map(ModelOutcome::workerId)
            .orElse(
                upload.models().stream()
                    .map(ModelOutcome::workerId)
                    .filter(w -> w != null)
                    .findFirst()
                    .orElse(null));
    VerdictTimings timings =
        VerdictTimings.newBuilder()
            .setQueueMs(max(upload, ModelOutcome::queueMs))
            .setDecodeMs(upload.decodeMillis() + max(upload, ModelOutcome::decodeMs))
            .setInversionMs(max(upload, ModelOutcome::inversionMs))
            .setScoringMs(max(upload, ModelOutcome::scoringMs))
            .setEndToEndMs(Math.max(0, decidedAtMillis - upload.uploadedAtMillis()))
            .build();
    return AttributionVerdict.newBuilder()
        .setVerdictId(id("verdict", upload.uploadId()))
        .setUploadId(upload.uploadId())
        .setTenant(upload.tenant())
        .setImageSha256(upload.sha256())
        .setWidth(upload.width())
        .setHeight(upload.height())
        .setFormat(upload.format())
        .setModels(models)
        .setVerdict(overall)
        .setAttributedModelId(attributed.map(ModelOutcome::modelId).orElse(null))
        .setAttributedModelVersion(attributed.map(ModelOutcome::modelVersion).orElse(null))
        .setUndecidedReason(reason)
        .setCached(cached)
        .setTimings(timings)
        .setWorkerId(workerId)
        .setSourceTopic(upload.sourceTopic())
        .setSourcePartition(upload.sourcePartition())
        .setSourceOffset(upload.sourceOffset())
        .setDecidedAt(Instant.ofEpochMilli(decidedAtMillis))
        .build();
  }

  /** One alert per model that attributed the upload. */
  List<Alert> alerts(AttributionVerdict verdict) {
    List<Alert> alerts = new ArrayList<>();
    for (ModelAttribution m : verdict.getModels()) {
      if (m.getDecision() == Decision.ATTRIBUTED) {
        alerts.add(
            Alert.newBuilder()
                .setAlertId(id("alert:" + m.getModelId(), verdict.getUploadId()))
                .setUploadId(verdict.getUploadId())
                .setTenant(verdict.getTenant())
                .setImageSha256(verdict.getImageSha256())
                .setModelId(m.getModelId())
                .setModelVersion(m.getModelVersion())
                .setScore(m.getScore())
                .setPValue(m.getPValue())
                .setFnr(m.getFnr())
                .setThreshold(m.getThreshold())
                .setVerdictId(verdict.getVerdictId())
                .setRaisedAt(verdict.getDecidedAt())
                .setKind(AlertKind.ATTRIBUTION)
                .build());
      }
    }
    return alerts;
  }

  /** The audit record of a verdict. */
  AuditRecord audit(AttributionVerdict verdict) {
    return AuditRecord.newBuilder()
        .setAuditId(id("audit", verdict.getUploadId()))
        .setUploadId(verdict.getUploadId())
        .setTenant(verdict.getTenant())
        .setImageSha256(verdict.getImageSha256())
        .setOutcome(AuditOutcome.VERDICT)
        .setVerdict(
            VerdictSummary.newBuilder()
                .setVerdictId(verdict.getVerdictId())
                .setVerdict(verdict.getVerdict())
                .setAttributedModelId(verdict.getAttributedModelId())
                .setAttributedModelVersion(verdict.getAttributedModelVersion())
                .setUndecidedReason(verdict.getUndecidedReason())
                .setCached(verdict.getCached())
                .setDecidedAt(verdict.getDecidedAt())
                .build())
        .setDeadLetter(null)
        .setModels(verdict.getModels())
        .setRecordedAt(verdict.getDecidedAt())
        .setServiceInstance(serviceInstance)
        .build();
  }

  /**
   * A dead letter for an input read at {@code source}, within the dead-letter limits: the raw key
   * and value are kept whole when they fit the byte budget, else as size, sha256 and prefix.
   *
   * @param uploadId the upload's id when it could be read, else null (left out when over-long)
   * @param originalKey the raw key bytes, kept so the input can be replayed
   * @param originalValue the raw value bytes
   */
  DeadLetter deadLetter(
      Rejection rejection,
      String uploadId,
      SourceCoordinates source,
      byte[] originalKey,
      byte[] originalValue,
      long failedAtMillis) {
    DeadLetter.Builder draft =
        DeadLetter.newBuilder()
            .setReason(rejection.reason())
            .setStage(rejection.stage())
            .setDetail(rejection.detail())
            .setUploadId(uploadId)
            .setExceptionClass(rejection.exceptionClass())
            .setSourceTopic(source.topic())
            .setSourcePartition(source.partition())
            .setSourceOffset(source.offset())
            .setOriginalValueReference(null)
            .setFailedAt(Instant.ofEpochMilli(failedAtMillis))
            .setAttempt(1)
            .setServiceInstance(serviceInstance);
    return deadLetters.build(draft, originalKey, originalValue);
  }

  /**
   * The audit record of a dead letter; an input whose upload id is unknown is audited under {@code
   * topic-partition@offset}.
   */
  AuditRecord audit(DeadLetter deadLetter) {
    String uploadId =
        deadLetter.getUploadId() != null
            ? deadLetter.getUploadId()
            : deadLetter.getSourceTopic()
                + "-"
                + deadLetter.getSourcePartition()
                + "@"
                + deadLetter.getSourceOffset();
    return AuditRecord.newBuilder()
        .setAuditId(
            id(
                "audit-dlq",
                deadLetter.getSourceTopic()
                    + "-"
                    + deadLetter.getSourcePartition()
                    + "@"
                    + deadLetter.getSourceOffset()))
        .setUploadId(uploadId)
        .setTenant(null)
        .setImageSha256(null)
        .setOutcome(AuditOutcome.DEAD_LETTER)
        .setVerdict(null)
        .setDeadLetter(
            DeadLetterSummary.newBuilder()
                .setReason(deadLetter.getReason())
                .setStage(deadLetter.getStage())
                .setDetail(deadLetter.getDetail())
                .setSourceTopic(deadLetter.getSourceTopic())
                .setSourcePartition(deadLetter.getSourcePartition())
                .setSourceOffset(deadLetter.getSourceOffset())
                .setFailedAt(deadLetter.getFailedAt())
                .setAttempt(deadLetter.getAttempt())
                .build())
        .setModels(List.of())
        .setRecordedAt(deadLetter.getFailedAt())
        .setServiceInstance(serviceInstance)
        .build();
  }

  private static ModelAttribution attribution(ModelOutcome m) {
    return ModelAttribution.newBuilder()
        .setModelId(m.modelId())
        .setModelVersion(m.modelVersion())
        .setDecision(m.decision())
        .setScore(m.score())
        .setPValue(m.pValue())
        .setFnr(m.fnr())
        .setThreshold(m.threshold())
        .setUndecidedReason(m.undecidedReason())
        .setWorkerId(m.workerId())
        .build();
  }

  private static long max(
      PendingUpload upload, java.util.function.ToLongFunction<ModelOutcome> field) {
    return upload.models().stream().mapToLong(field).max().orElse(0);
  }

  private static String id(String kind, String key) {
    return UUID.nameUUIDFromBytes((kind + ":" + key).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
