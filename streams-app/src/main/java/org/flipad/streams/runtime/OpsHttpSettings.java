package org.flipad.streams.runtime;

import java.util.Objects;

/**
 * Where {@link OpsHttpServer} listens.
 *
 * @param bindAddress host name or IP address to bind, e.g. {@code 0.0.0.0} (all interfaces, for a
 *     pod) or {@code 127.0.0.1}
 * @param port TCP port, 0..65535; 0 picks a free one ({@link OpsHttpServer#port()} tells which)
 */
public record OpsHttpSettings(String bindAddress, int port) {

  /** Validates the fields. */
  public OpsHttpSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (bindAddress.isBlank()) {
      throw new IllegalArgumentException(
          "Ops HTTP bind address is blank; give one such as 0.0.0.0 or 127.0.0.1");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "Ops HTTP port " + port + " is outside 0..65535; give a port, or 0 for a free one");
    }
  }

  /** All interfaces, port 8080: what the Kubernetes probes and Prometheus scrape expect. */
  public static OpsHttpSettings defaults() {
    return new OpsHttpSettings("0.0.0.0", 8080);
  }

  /** Loopback on a free port, for tests and the demo. */
  public static OpsHttpSettings loopbackEphemeral() {
    return new OpsHttpSettings("127.0.0.1", 0);
  }

  /** These settings with another bind address. */
  public OpsHttpSettings withBindAddress(String address) {
    return new OpsHttpSettings(address, port);
  }

  /** These settings with another port. */
  public OpsHttpSettings withPort(int newPort) {
    return new OpsHttpSettings(bindAddress, newPort);
  }
}
