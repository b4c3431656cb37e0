/**
 * Observability of the service: {@link org.flipad.streams.ops.ServiceMetrics} (the named Micrometer
 * meters, Prometheus registry and Kafka client metric binders) and {@link
 * org.flipad.streams.ops.OpsHttpServer} (the {@code /metrics}, {@code /live} and {@code /ready}
 * endpoints for Prometheus and Kubernetes), with {@link org.flipad.streams.ops.Readiness} for
 * composing what "ready" means. docs/operations.md lists the endpoints and meters.
 *
 * <p>Must not: decide anything about uploads or models (it only records and reports what other
 * packages tell it), or depend on the topology, worker or control packages.
 */
package org.flipad.streams.ops;
