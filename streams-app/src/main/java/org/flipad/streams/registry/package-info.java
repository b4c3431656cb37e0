/**
 * The Confluent Schema Registry REST subset: a client ({@link
 * org.flipad.streams.registry.HttpSchemaRegistryClient}, with bounded and negative caches) and an
 * in-process server ({@link org.flipad.streams.registry.EmbeddedSchemaRegistry}) for the embedded
 * mode and tests, storing its records behind {@link org.flipad.streams.registry.SchemaStore}.
 *
 * <p>Stores: {@link org.flipad.streams.registry.InMemorySchemaStore} and {@link
 * org.flipad.streams.registry.KafkaSchemaStore} (a compacted single-partition topic). Avro schemas
 * only. Must not: depend on the serde package; Kafka clients are used by {@code KafkaSchemaStore}
 * alone, behind the {@code SchemaStore} interface.
 */
package org.flipad.streams.registry;
