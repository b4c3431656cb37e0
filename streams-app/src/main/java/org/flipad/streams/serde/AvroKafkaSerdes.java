package org.flipad.streams.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.flipad.streams.registry.SchemaRegistryClient;

/**
 * Kafka {@link Serde}s of the generated {@code org.flipad.schema} records in the Confluent wire
 * format, for Kafka Streams (which has no default serde) and plain clients. Keys or values follow
 * {@link AvroSerdeSettings#isKey()}.
 */
public final class AvroKafkaSerdes {

  private AvroKafkaSerdes() {}

  /**
   * A serde of {@code type} resolving schemas through {@code registry}: {@link AvroKafkaSerializer}
   * and {@link AvroKafkaDeserializer} sharing one {@link AvroSerde} (and so its reader cache).
   *
   * @param type the generated class, e.g. {@code ImageUpload.class}
   * @param settings auto-registration, subject naming, and whether the serde is for keys
   */
  public static <T extends SpecificRecord> Serde<T> of(
      Class<T> type, SchemaRegistryClient registry, AvroSerdeSettings settings) {
    AvroSerde<T> serde = new AvroSerde<>(registry, type, settings);
    return Serdes.serdeFrom(
        new AvroKafkaSerializer<>(serde), new AvroKafkaDeserializer<>(serde, settings.isKey()));
  }
}
