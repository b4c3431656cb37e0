package org.flipad.streams.api;

import org.apache.kafka.streams.state.HostInfo;

/** Sends a lookup to the instance that owns its key and returns that instance's answer. */
@FunctionalInterface
interface Forwarder {

  /** {@code request} as answered by the instance at {@code owner} (its application.server). */
  ApiResponse forward(HostInfo owner, ApiRequest request);
}
