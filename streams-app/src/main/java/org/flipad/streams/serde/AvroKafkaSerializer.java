package org.flipad.streams.serde;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serializer} of one generated record type, delegating to {@link AvroSerde}: the
 * classic Confluent framing (magic 0, big-endian schema id, Avro body) and no schema-id header. A
 * null record becomes a null value (a tombstone) without a registry call. Failures throw {@link
 * SerdeException} with its {@link SerdeFailure}, so Kafka Streams' production exception handler can
 * dead-letter by reason. Thread-safe; configured by its constructor, so {@link #configure} is a
 * no-op.
 *
 * @param <T> the generated {@code org.flipad.schema} record class
 */
public final class AvroKafkaSerializer<T extends SpecificRecord> implements Serializer<T> {

  private final AvroSerde<T> serde;

  /** A serializer writing through {@code serde}. */
  public AvroKafkaSerializer(AvroSerde<T> serde) {
    this.serde = Objects.requireNonNull(serde, "serde");
  }

  @Override
  public byte[] serialize(String topic, T record) {
    return serde.serialize(topic, record);
  }

  @Override
  public byte[] serialize(String topic, Headers headers, T record) {
    // The id travels in the payload prefix, which every Confluent-format reader understands; the
    // header form is read (AvroKafkaDeserializer) but not written.
    return serde.serialize(topic, record);
  }
}
