/**
 * Kafka inside this JVM for the {@code flipad demo} mode and integration tests: {@link
 * org.flipad.streams.embedded.EmbeddedKafkaBroker}, a single-node KRaft broker and controller whose
 * data survives a restart on the same work directory, and {@link
 * org.flipad.streams.embedded.TopicSpec} for declaring topics on it.
 *
 * <p>Must not: be used against a production cluster (replication factors are 1 and nothing is
 * secured), or depend on the topology, worker or ops packages.
 */
package org.flipad.streams.embedded;
