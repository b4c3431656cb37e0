package org.flipad.streams.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and for whom the lookup API listens.
 *
 * @param bindAddress host name or IP address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port TCP port, 0..65535; 0 picks a free one
 * @param tokenSha256 SHA-256 digests (64 hex characters) of the accepted bearer tokens; the tokens
 *     themselves are never stored. Empty means no authentication, which is allowed on a loopback
 *     address only, and then images are refused to everyone
 * @param threads request threads (a lookup is a local store read or one forwarded request)
 */
public record ApiSettings(String bindAddress, int port, List<String> tokenSha256, int threads) {

  /** Validates the fields and refuses a non-loopback address without tokens. */
  public ApiSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    tokenSha256 = tokenSha256.stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "API port " + port + " is outside 0..65535; give a port, or 0 for a free one");
    }
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("API threads " + threads + " is outside 1..256");
    }
    for (String digest : tokenSha256) {
      if (!digest.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(
            "API token digest '"
                + digest
                + "' is not 64 hex characters; store the SHA-256 of each token, e.g. the output"
                + " of: printf %s \"$TOKEN\" | sha256sum");
      }
    }
    if (tokenSha256.isEmpty() && !loopback(bindAddress)) {
      throw new IllegalArgumentException(
          "The lookup API would listen on "
              + bindAddress
              + " without authentication; bind it to 127.0.0.1 or set flipad.api.tokens.sha256"
              + " to the SHA-256 of at least one bearer token");
    }
  }

  /** Loopback, a free port, no tokens, 4 threads: for tests and the demo. */
  public static ApiSettings loopbackEphemeral() {
    return new ApiSettings("127.0.0.1", 0, List.of(), 4);
  }

  /** These settings with the tokens whose SHA-256 digests are {@code digests}. */
  public ApiSettings withTokenSha256(List<String> digests) {
    return new ApiSettings(bindAddress, port, digests, threads);
  }

  /** Whether callers must present a bearer token. */
  public boolean authenticated() {
    return !tokenSha256.isEmpty();
  }

  private static boolean loopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "API bind address " + address + " does not resolve; give an IP address or a local name",
          e);
    }
  }
}
