package org.flipad.streams.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.flipad.schema.ImageFormat;

/**
 * An upload between fan-out and verdict, as stored in the join state store (JSON, see {@link
 * JsonStateSerde}). Also the value of the decision cache once complete.
 *
 * @param uploadId the upload
 * @param tenant its tenant
 * @param sha256 the image's digest
 * @param width image width
 * @param height image height
 * @param format encoded format
 * @param sourceTopic where the upload was read
 * @param sourcePartition its partition
 * @param sourceOffset its offset
 * @param uploadedAtMillis when the platform received it (the event's own time)
 * @param acceptedAtMillis when this service took it in (wall clock)
 * @param decodeMillis the service's decode time
 * @param deadlineAtMillis wall-clock time past which the upload is UNDECIDED with TIMEOUT
 * @param models one outcome per watched model, in model-id order
 * @param cacheKey the decision-cache key the upload was fanned out under ({@link
 *     CachedDecision#key}), or null when its decision must not be cached (a watched model was
 *     unavailable) or the entry was written before keys were kept here
 */
record PendingUpload(
    String uploadId,
    String tenant,
    String sha256,
    int width,
    int height,
    ImageFormat format,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    long uploadedAtMillis,
    long acceptedAtMillis,
    long decodeMillis,
    long deadlineAtMillis,
    List<ModelOutcome> models,
    String cacheKey) {

  PendingUpload {
    models = List.copyOf(models);
  }

  boolean complete() {
    return models.stream().noneMatch(ModelOutcome::pending);
  }

  /** The outcome awaited for {@code modelId} at {@code version}, if it is still awaited. */
  int awaitingIndex(String modelId, int version) {
    for (int i = 0; i < models.size(); i++) {
      ModelOutcome m = models.get(i);
      if (m.pending() && m.modelId().equals(modelId) && m.modelVersion() == version) {
        return i;
      }
    }
    return -1;
  }

  PendingUpload withModel(int index, ModelOutcome outcome) {
    List<ModelOutcome> updated = new ArrayList<>(models);
    updated.set(index, outcome);
    return withModels(updated);
  }

  PendingUpload mapPending(UnaryOperator<ModelOutcome> change) {
    return withModels(models.stream().map(m -> m.pending() ? change.apply(m) : m).toList());
  }

  private PendingUpload withModels(List<ModelOutcome> updated) {
    return new PendingUpload(
        uploadId,
        tenant,
        sha256,
        width,
        height,
        format,
        sourceTopic,
        sourcePartition,
        sourceOffset,
        uploadedAtMillis,
        acceptedAtMillis,
        decodeMillis,
        deadlineAtMillis,
        updated,
        cacheKey);
  }

  /** The same decision for a re-upload: its identity, source and times, the cached outcomes. */
  PendingUpload reusedFor(
      String newUploadId,
      String newTenant,
      String topic,
      int partition,
      long offset,
      long uploadedAt,
      long acceptedAt,
      long decodeMs) {
    return new PendingUpload(
        newUploadId,
        newTenant,
        sha256,
        width,
        height,
        format,
        topic,
        partition,
        offset,
        uploadedAt,
        acceptedAt,
        decodeMs,
        acceptedAt,
        models,
        cacheKey);
  }
}
