package org.flipad.streams.topic;

import java.util.List;
import java.util.Objects;

/**
 * The names of the service's topics (docs/streaming.md, schemas/README.md). One record so that the
 * topology, the workers, the demo and the tests cannot disagree about a name; a deployment may
 * prefix them all (e.g. per environment) with {@link #withPrefix}.
 *
 * @param uploads ImageUpload events; the input. Producers may key and partition them as they like
 *     (Java's or librdkafka's partitioner, a null key, a key that is not the upload id)
 * @param uploadsById the uploads re-keyed by upload id (internal): the topology writes each decoded
 *     upload here before anything stateful, so that every event of one upload id, and the workers'
 *     results for it, meet in one task
 * @param requests InversionRequest per upload and watched model, keyed by upload id
 * @param results InversionResult from the workers, keyed by upload id
 * @param verdicts one AttributionVerdict per upload
 * @param alerts Alert for uploads attributed to a watched model, and FLOOD alerts
 * @param attributionsByModel the attributions re-keyed by model and tenant (internal), so that one
 *     task of the flood watch counts every attribution of a (model, tenant)
 * @param audit one AuditRecord per terminal outcome
 * @param deadLetters DeadLetter with a reason code, for every input that cannot be decided
 * @param control signed ControlCommands, keyed by model id
 * @param models ModelVersion records (compacted), keyed by {@code modelId/version}
 * @param trainingStatus TrainingStatus of control jobs, keyed by command id
 * @param feedback reviewers' Feedback, keyed by upload id
 * @param images the encoded images of screened uploads by sha256 (compacted, 30 days), so that
 *     reviewers' feedback can be trained on (internal)
 * @param decisions the decision cache shared by every instance (compacted, internal): recent
 *     decisions by image digest and model versions, so a re-upload is answered whichever partition
 *     it lands in
 */
public record Topics(
    String uploads,
    String uploadsById,
    String requests,
    String results,
    String verdicts,
    String alerts,
    String attributionsByModel,
    String audit,
    String deadLetters,
    String control,
    String models,
    String trainingStatus,
    String feedback,
    String images,
    String decisions) {

  /** Requires every name. */
  public Topics {
    Objects.requireNonNull(uploads, "uploads");
    Objects.requireNonNull(uploadsById, "uploadsById");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(verdicts, "verdicts");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(attributionsByModel, "attributionsByModel");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(trainingStatus, "trainingStatus");
    Objects.requireNonNull(feedback, "feedback");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(decisions, "decisions");
  }

  /** The default names, {@code flipad.uploads} and so on. */
  public static Topics defaults() {
    return new Topics(
        "flipad.uploads",
        "flipad.uploads.by-id",
        "flipad.inversion.requests",
        "flipad.inversion.results",
        "flipad.verdicts",
        "flipad.alerts",
        "flipad.attributions.by-model",
        "flipad.audit",
        "flipad.dlq",
        "flipad.control",
        "flipad.models",
        "flipad.training.status",
        "flipad.feedback",
        "flipad.images",
        "flipad.decisions");
  }

  /** Every name with {@code prefix} in front, e.g. {@code "staging."}. */
  public Topics withPrefix(String prefix) {
    return new Topics(
        prefix + uploads,
        prefix + uploadsById,
        prefix + requests,
        prefix + results,
        prefix + verdicts,
        prefix + alerts,
        prefix + attributionsByModel,
        prefix + audit,
        prefix + deadLetters,
        prefix + control,
        prefix + models,
        prefix + trainingStatus,
        prefix + feedback,
        prefix + images,
        prefix + decisions);
  }

  /**
   * What to create: the re-keyed uploads and the results share one partition count because the
   * topology joins them per upload id in one task (co-partitioning); the other topics on the upload
   * path get the same count. The audit log is kept forever by default; an operator may cap it.
   * Replication is the cluster's default.
   *
   * @param partitions partitions of every topic on the upload path
   */
  public List<TopicSpec> specs(int partitions) {
    return List.of(
        TopicSpec.of(uploads, partitions),
        TopicSpec.of(uploadsById, partitions),
        TopicSpec.of(requests, partitions),
        TopicSpec.of(results, partitions),
        TopicSpec.of(verdicts, partitions),
        TopicSpec.of(alerts, partitions),
        TopicSpec.of(attributionsByModel, partitions).withConfig("retention.ms", "86400000"),
        TopicSpec.of(audit, partitions).withConfig("retention.ms", "-1"),
        TopicSpec.of(deadLetters, partitions),
        TopicSpec.of(control, 1),
        TopicSpec.of(models, 1).compacted(),
        TopicSpec.of(trainingStatus, 1),
        TopicSpec.of(feedback, partitions),
        TopicSpec.of(images, partitions)
            .withConfig("cleanup.policy", "compact,delete")
            .withConfig("retention.ms", String.valueOf(30L * 24 * 3600 * 1000)),
        TopicSpec.of(decisions, 1).compacted());
  }
}
