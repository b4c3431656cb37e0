/**
 * What a running process is made of: topic names and creation, the Kafka Streams client of the
 * screening service, the embedded single-node KRaft broker, metrics (Micrometer, Prometheus text)
 * and the HTTP probes. It wires features together and owns their lifecycles; it holds no screening
 * or inversion logic.
 */
package org.flipad.streams.runtime;
