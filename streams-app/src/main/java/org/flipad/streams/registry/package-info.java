/**
 * The Confluent Schema Registry REST subset: a client ({@link
 * org.flipad.streams.registry.HttpSchemaRegistryClient}, with bounded and negative caches) and an
 * in-process server ({@link org.flipad.streams.registry.EmbeddedSchemaRegistry}) for the embedded
 * mode and tests, storing its records behind {@link org.flipad.streams.registry.SchemaStore}.
 *
 * <p>Avro schemas only. Must not: depend on the serde package or on Kafka clients (a Kafka-topic
 * {@code SchemaStore} is to come, behind the same interface).
 */
package org.flipad.streams.registry;
