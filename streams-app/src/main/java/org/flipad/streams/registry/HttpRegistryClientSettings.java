package org.flipad.streams.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link HttpSchemaRegistryClient}.
 *
 * @param baseUri the registry, e.g. {@code http://localhost:8081} (Apicurio: {@code
 *     .../apis/ccompat/v7})
 * @param cacheCapacity entries kept per cache (id→schema, (subject, schema)→id, not-found); the
 *     least recently used entry is evicted beyond it
 * @param notFoundTtl how long a "not found" answer is reused before asking again (0 = never cached)
 * @param requestTimeout the longest wait for one HTTP response
 */
public record HttpRegistryClientSettings(
    URI baseUri, int cacheCapacity, Duration notFoundTtl, Duration requestTimeout) {

  /** Validates the settings. */
  public HttpRegistryClientSettings {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(notFoundTtl, "notFoundTtl");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (cacheCapacity < 1) {
      throw new IllegalArgumentException(
          "Registry cache capacity is " + cacheCapacity + "; it must be at least 1");
    }
    if (notFoundTtl.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException(
          "Registry not-found TTL "
              + notFoundTtl
              + " must be ≥ 0 and request timeout "
              + requestTimeout
              + " > 0");
    }
  }

  /** 1000 entries per cache, not-found answers reused for 30 s, 10 s request timeout. */
  public static HttpRegistryClientSettings defaults(URI baseUri) {
    return new HttpRegistryClientSettings(
        baseUri, 1000, Duration.ofSeconds(30), Duration.ofSeconds(10));
  }

  /** A copy with the cache capacity set. */
  public HttpRegistryClientSettings withCacheCapacity(int cacheCapacity) {
    return new HttpRegistryClientSettings(baseUri, cacheCapacity, notFoundTtl, requestTimeout);
  }

  /** A copy with the not-found TTL set. */
  public HttpRegistryClientSettings withNotFoundTtl(Duration notFoundTtl) {
    return new HttpRegistryClientSettings(baseUri, cacheCapacity, notFoundTtl, requestTimeout);
  }

  /** A copy with the request timeout set. */
  public HttpRegistryClientSettings withRequestTimeout(Duration requestTimeout) {
    return new HttpRegistryClientSettings(baseUri, cacheCapacity, notFoundTtl, requestTimeout);
  }
}
