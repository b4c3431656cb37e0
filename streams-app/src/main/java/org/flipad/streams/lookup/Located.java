package org.flipad.streams.lookup;

import org.apache.kafka.streams.state.HostInfo;

/**
 * The answer of an interactive query for one key.
 *
 * @param <T> the stored value
 */
public sealed interface Located<T> {

  /** This instance holds the key's partition and the key. */
  record Found<T>(T value) implements Located<T> {}

  /** This instance holds the key's partition, and the key is not in it. */
  record Missing<T>() implements Located<T> {}

  /**
   * Another instance of the application holds the key's partition (its {@code application.server}).
   */
  record Elsewhere<T>(HostInfo owner) implements Located<T> {}

  /** Nobody can answer now (rebalancing, restoring, partition not hosted here); why, for people. */
  record Unavailable<T>(String reason) implements Located<T> {}
}
