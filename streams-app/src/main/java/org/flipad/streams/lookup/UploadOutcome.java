package org.flipad.streams.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * How one upload ended, as the lookup store keeps it: the verdict and the latest dead letter
 * written under its id, each already rendered as JSON (every field of the Avro record, see {@link
 * org.flipad.streams.serde.AvroJson}). Usually one of the two is null; both are set when an upload
 * was dead-lettered and later screened under the same id, or when a repeated id was refused as
 * DUPLICATE_UPLOAD after its verdict.
 *
 * @param uploadId the upload id (the key of both topics)
 * @param verdict the AttributionVerdict, or null (or a JSON null) when there is none
 * @param deadLetter the latest DeadLetter, or null (or a JSON null) when there is none
 * @param recordedAtMillis Kafka timestamp of the latest of the two; retention counts from it
 */
public record UploadOutcome(
    String uploadId, JsonNode verdict, JsonNode deadLetter, long recordedAtMillis) {

  /** What a caller should read first: VERDICT when there is one, else DEAD_LETTER. */
  public String outcome() {
    return present(verdict) ? "VERDICT" : "DEAD_LETTER";
  }

  /**
   * As the lookup API and the console show it: {@code uploadId}, {@code outcome}, {@code
   * recordedAt} (ISO-8601) and both records as stored ({@code null} when absent).
   */
  public ObjectNode toJson() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("uploadId", uploadId);
    body.put("outcome", outcome());
    body.put("recordedAt", Instant.ofEpochMilli(recordedAtMillis).toString());
    body.set("verdict", orNull(verdict));
    body.set("deadLetter", orNull(deadLetter));
    return body;
  }

  private static JsonNode orNull(JsonNode node) {
    return node == null ? JsonNodeFactory.instance.nullNode() : node;
  }

  /** This outcome with {@code newVerdict}, recorded at {@code millis}. */
  UploadOutcome withVerdict(JsonNode newVerdict, long millis) {
    return new UploadOutcome(uploadId, newVerdict, deadLetter, millis);
  }

  /** This outcome with {@code newDeadLetter}, recorded at {@code millis}. */
  UploadOutcome withDeadLetter(JsonNode newDeadLetter, long millis) {
    return new UploadOutcome(uploadId, verdict, newDeadLetter, millis);
  }

  static boolean present(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }
}
