/**
 * Avro serialisation in the Confluent wire format: the framing ({@link
 * org.flipad.streams.serde.ConfluentWireFormat}), subject naming, and {@link
 * org.flipad.streams.serde.AvroSerde} for the generated {@code org.flipad.schema} records, which
 * resolves writer schemas through a {@link org.flipad.streams.registry.SchemaRegistryClient}.
 *
 * <p>Failures of a read carry a {@link org.flipad.streams.serde.SerdeFailure} that maps onto a
 * dead-letter reason. {@link org.flipad.streams.serde.AvroKafkaSerdes} wraps it as a Kafka {@code
 * Serde} ({@link org.flipad.streams.serde.AvroKafkaSerializer}, {@link
 * org.flipad.streams.serde.AvroKafkaDeserializer}, which also reads the schema-id record headers).
 *
 * <p>Must not: talk HTTP itself (that is the registry package's job) or hold Kafka clients
 * (producers, consumers, admin); Kafka's serialisation interfaces are the only Kafka types it uses.
 */
package org.flipad.streams.serde;
