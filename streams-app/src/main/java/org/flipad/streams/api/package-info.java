/**
 * The lookup API under {@code /api/v1}: JSON over the JDK's HTTP server, bearer-token access,
 * routing, error bodies and the OpenAPI description. It reads what {@code
 * org.flipad.streams.lookup} and the model registry hold and forwards a lookup to the instance that
 * owns the key; it never writes to Kafka and never decides anything.
 */
package org.flipad.streams.api;
