package org.flipad.streams.registry;

import java.util.Objects;

/**
 * One entry of the registry's append-only log: {@code schema} became {@code version} of {@code
 * subject} with registry-wide {@code id}. Replaying the records in order rebuilds the registry (as
 * Confluent's {@code _schemas} topic does); a compacted Kafka topic can hold them keyed by
 * (subject, version).
 *
 * @param subject the subject
 * @param version the version within the subject, from 1 without gaps
 * @param id the registry-wide schema id (equal schemas share one)
 * @param schema the schema's canonical Avro JSON text ({@code Schema.toString()})
 */
public record SchemaRecord(String subject, int version, int id, String schema) {
  /** Validates the fields. */
  public SchemaRecord {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
    if (version < 1 || id < 1) {
      throw new IllegalArgumentException(
          "Schema record "
              + subject
              + " v"
              + version
              + " id "
              + id
              + ": version and id must be ≥ 1");
    }
  }
}
