/**
 * Avro serialisation in the Confluent wire format: the framing ({@link
 * org.flipad.streams.serde.ConfluentWireFormat}), subject naming, and {@link
 * org.flipad.streams.serde.AvroSerde} for the generated {@code org.flipad.schema} records, which
 * resolves writer schemas through a {@link org.flipad.streams.registry.SchemaRegistryClient}.
 *
 * <p>Failures of a read carry a {@link org.flipad.streams.serde.SerdeFailure} that maps onto a
 * dead-letter reason. Kafka's {@code Serializer}/{@code Deserializer} adapters are thin wrappers to
 * add once kafka-clients is a dependency.
 *
 * <p>Must not: talk HTTP itself (that is the registry package's job) or hold Kafka clients.
 */
package org.flipad.streams.serde;
