package org.flipad.streams.topology;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * One entry of the reference allow-list, parsed: scheme, host and port must equal the reference's,
 * and the reference's path must lie under the entry's path, segment by segment. A bare string
 * prefix would let {@code https://cdn.example.com} admit {@code https://cdn.example.com.evil.io/}
 * and {@code /img} admit {@code /img2/}.
 *
 * @param scheme lower case, e.g. {@code https}
 * @param host lower case; empty for {@code file:} entries
 * @param port the effective port (443 for https, 80 for http when the entry names none; −1 for
 *     files)
 * @param pathPrefix the normalised path, always ending with {@code /}
 */
record AllowedLocation(String scheme, String host, int port, String pathPrefix) {

  /**
   * Parses {@code entry}, e.g. {@code https://cdn.example.com/images/} or {@code file:/srv/in/}.
   *
   * @throws IllegalArgumentException when the entry is not an absolute http, https or file URI, or
   *     has user info, a query or a fragment
   */
  static AllowedLocation parse(String entry) {
    URI uri;
    try {
      uri = new URI(entry).normalize();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "Reference allow-list entry '" + entry + "' is not a URI: " + e.getMessage(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean file = scheme.equals("file");
    if (!(file || scheme.equals("http") || scheme.equals("https"))
        || (!file && (uri.getHost() == null || uri.getHost().isEmpty()))
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "Reference allow-list entry '"
              + entry
              + "' must be an http(s) URI with a host, or a file: URI, without user info, query"
              + " or fragment, e.g. https://cdn.example.com/images/ or file:/srv/uploads/.");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return new AllowedLocation(
        scheme,
        file ? "" : uri.getHost().toLowerCase(Locale.ROOT),
        effectivePort(scheme, uri.getPort()),
        path.endsWith("/") ? path : path + "/");
  }

  /** Whether the normalised {@code uri} lies under this location. */
  boolean admits(URI uri) {
    String otherScheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String otherHost = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return otherScheme.equals(scheme)
        && otherHost.equals(host)
        && effectivePort(otherScheme, uri.getPort()) == port
        && uri.getRawUserInfo() == null
        && !path.contains("/../")
        && !path.endsWith("/..")
        && path.startsWith(pathPrefix);
  }

  private static int effectivePort(String scheme, int port) {
    if (port != -1) {
      return port;
    }
    return switch (scheme) {
      case "https" -> 443;
      case "http" -> 80;
      default -> -1;
    };
  }
}
