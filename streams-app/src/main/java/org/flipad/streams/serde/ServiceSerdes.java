package org.flipad.streams.serde;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.flipad.schema.Alert;
import org.flipad.schema.AttributionVerdict;
import org.flipad.schema.AuditRecord;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.ImageUpload;
import org.flipad.schema.InversionRequest;
import org.flipad.schema.InversionResult;
import org.flipad.streams.registry.SchemaRegistryClient;
import org.flipad.streams.topic.Topics;

/**
 * The value serdes of the upload path, all through one registry client (so they share its caches).
 * Keys on these topics are plain UTF-8 upload ids.
 *
 * @param uploads ImageUpload
 * @param requests InversionRequest
 * @param results InversionResult
 * @param verdicts AttributionVerdict
 * @param alerts Alert
 * @param audit AuditRecord
 * @param deadLetters DeadLetter
 */
public record ServiceSerdes(
    AvroSerde<ImageUpload> uploads,
    AvroSerde<InversionRequest> requests,
    AvroSerde<InversionResult> results,
    AvroSerde<AttributionVerdict> verdicts,
    AvroSerde<Alert> alerts,
    AvroSerde<AuditRecord> audit,
    AvroSerde<DeadLetter> deadLetters) {

  /** Value serdes resolving schemas through {@code registry} with {@code settings}. */
  public static ServiceSerdes create(SchemaRegistryClient registry, AvroSerdeSettings settings) {
    return new ServiceSerdes(
        new AvroSerde<>(registry, ImageUpload.class, settings),
        new AvroSerde<>(registry, InversionRequest.class, settings),
        new AvroSerde<>(registry, InversionResult.class, settings),
        new AvroSerde<>(registry, AttributionVerdict.class, settings),
        new AvroSerde<>(registry, Alert.class, settings),
        new AvroSerde<>(registry, AuditRecord.class, settings),
        new AvroSerde<>(registry, DeadLetter.class, settings));
  }

  /**
   * Registers every value schema under its topic's subject, as CI does before a deployment (the
   * services themselves run with auto-registration off). Idempotent.
   *
   * @return subject → schema id
   */
  public Map<String, Integer> registerAll(SchemaRegistryClient registry, Topics topics) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    register(ids, registry, uploads, topics.uploads());
    register(ids, registry, requests, topics.requests());
    register(ids, registry, results, topics.results());
    register(ids, registry, verdicts, topics.verdicts());
    register(ids, registry, alerts, topics.alerts());
    register(ids, registry, audit, topics.audit());
    register(ids, registry, deadLetters, topics.deadLetters());
    return ids;
  }

  private static void register(
      Map<String, Integer> ids, SchemaRegistryClient registry, AvroSerde<?> serde, String topic) {
    String subject = serde.subject(topic);
    ids.put(subject, registry.register(subject, serde.writerSchema()));
  }

  /** A Kafka serializer writing through {@code serde}. */
  public static <T extends SpecificRecord> Serializer<T> serializer(AvroSerde<T> serde) {
    return serde::serialize;
  }
}
