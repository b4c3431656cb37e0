package org.flipad.streams.serde;

import org.flipad.schema.DeadLetterReason;

/**
 * Why a value could not be serialised or deserialised. Names match {@link DeadLetterReason} symbols
 * where one exists; {@link #deadLetterReason()} gives the dead-letter code for every failure.
 */
public enum SerdeFailure {
  /** The first byte is neither 0 (schema id) nor 1 (schema GUID). */
  UNKNOWN_MAGIC_BYTE(DeadLetterReason.UNDECODABLE_AVRO),
  /** Fewer bytes than the wire-format header needs. */
  TRUNCATED(DeadLetterReason.UNDECODABLE_AVRO),
  /** The registry does not know the writer schema id (or GUID). */
  UNKNOWN_SCHEMA_ID(DeadLetterReason.UNKNOWN_SCHEMA_ID),
  /**
   * The body is not valid Avro for its writer schema, or the writer cannot be read as the reader.
   */
  UNDECODABLE_AVRO(DeadLetterReason.UNDECODABLE_AVRO),
  /**
   * The body may be valid Avro, but decoding it would exceed the decode bound: more array and map
   * items than {@link AvroSerdeSettings#maxCollectionItems()}, or the JVM ran out of memory or
   * stack while decoding this record.
   */
  DECODE_LIMIT(DeadLetterReason.UNDECODABLE_AVRO),
  /**
   * Serialising: the writer schema is not registered under the subject and auto-registration is
   * off.
   */
  UNREGISTERED_SCHEMA(DeadLetterReason.PROCESSING_ERROR),
  /** Serialising: the record does not conform to its own schema (e.g. a required field is null). */
  UNENCODABLE_RECORD(DeadLetterReason.PROCESSING_ERROR),
  /**
   * Serialising: the encoded record is larger than the service writes in one Kafka record (it would
   * be refused by the producer or the broker).
   */
  RECORD_TOO_LARGE(DeadLetterReason.PROCESSING_ERROR);

  private final DeadLetterReason deadLetterReason;

  SerdeFailure(DeadLetterReason deadLetterReason) {
    this.deadLetterReason = deadLetterReason;
  }

  /** The dead-letter reason a record failing this way is routed with. */
  public DeadLetterReason deadLetterReason() {
    return deadLetterReason;
  }
}
