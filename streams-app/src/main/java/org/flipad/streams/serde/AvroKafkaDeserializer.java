package org.flipad.streams.serde;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka {@link Deserializer} of one generated record type, delegating to {@link AvroSerde}. When
 * the record carries a {@code __value_schema_id} header (or {@code __key_schema_id} for a key
 * deserializer) its value names the writer schema and the payload is the bare Avro body; otherwise
 * the payload carries the classic prefix (magic 0 + id). A null value (tombstone) becomes null.
 * Failures throw {@link SerdeException} with its {@link SerdeFailure}, which Kafka Streams hands to
 * the deserialization exception handler so the record can be dead-lettered by reason. Thread-safe;
 * configured by its constructor, so {@link #configure} is a no-op.
 *
 * @param <T> the generated {@code org.flipad.schema} record class
 */
public final class AvroKafkaDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final AvroSerde<T> serde;
  private final String schemaIdHeader;

  /**
   * A deserializer reading through {@code serde}.
   *
   * @param isKey whether this deserializes record keys (reads {@code __key_schema_id}) rather than
   *     values (reads {@code __value_schema_id})
   */
  public AvroKafkaDeserializer(AvroSerde<T> serde, boolean isKey) {
    this.serde = Objects.requireNonNull(serde, "serde");
    this.schemaIdHeader =
        isKey
            ? ConfluentWireFormat.KEY_SCHEMA_ID_HEADER
            : ConfluentWireFormat.VALUE_SCHEMA_ID_HEADER;
  }

  /** The record header this deserializer takes the writer schema id from, when present. */
  public String schemaIdHeader() {
    return schemaIdHeader;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return serde.deserialize(topic, data);
  }

  @Override
  public T deserialize(String topic, Headers headers, byte[] data) {
    Header header = headers == null ? null : headers.lastHeader(schemaIdHeader);
    return serde.deserialize(topic, header == null ? null : header.value(), data);
  }
}
