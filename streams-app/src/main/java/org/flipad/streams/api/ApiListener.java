package org.flipad.streams.api;

import java.time.Duration;

/**
 * Told of every answered API request, so the runtime can count them without the API knowing how.
 */
@FunctionalInterface
public interface ApiListener {

  /** Ignores everything. */
  ApiListener NONE = (endpoint, status, elapsed) -> {};

  /**
   * A request was answered.
   *
   * @param endpoint {@code uploads}, {@code images}, {@code models}, {@code openapi} or {@code
   *     other} (a bounded set, fit for a metric tag)
   * @param status the HTTP status sent
   * @param elapsed from the request's arrival at the handler to the last byte written
   */
  void answered(String endpoint, int status, Duration elapsed);
}
