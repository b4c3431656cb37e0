package org.flipad.streams.model;

import java.io.IOException;
import java.util.Objects;

/**
 * A {@link ModelStore} could not store or hand out a bundle. The {@link #reason()} lets a caller
 * (the hot-swap path) tell "not there" from "there but damaged" from "store unreachable" without
 * parsing the message; the message says which bundle, where, and what to do.
 */
public final class ModelStoreException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Why the store failed. */
  public enum Reason {
    /** No bundle with that sha256 is stored. */
    NOT_FOUND,
    /** Stored bytes do not hash to their address, or chunks are missing: never load them. */
    CORRUPT,
    /** The store's backend (disk, brokers) did not answer in time or refused the operation. */
    UNAVAILABLE
  }

  private final Reason reason;

  /** A failure for {@code reason} with a message saying what failed and what to do. */
  public ModelStoreException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** A failure for {@code reason} caused by {@code cause}. */
  public ModelStoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the store failed. */
  public Reason reason() {
    return reason;
  }
}
