package org.flipad.streams.serde;

import java.util.Objects;

/** A value that could not be serialised or deserialised, with the {@link SerdeFailure} reason. */
public final class SerdeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final SerdeFailure failure;

  /** A failure without an underlying cause. */
  public SerdeException(SerdeFailure failure, String message) {
    this(failure, message, null);
  }

  /** A failure caused by {@code cause} (may be null). */
  public SerdeException(SerdeFailure failure, String message, Throwable cause) {
    super(failure + ": " + message, cause);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /** Why the value failed; maps onto a dead-letter reason. */
  public SerdeFailure failure() {
    return failure;
  }
}
