package org.flipad.core.data;

import java.io.IOException;

/** An IDX file is not the kind expected, or is truncated or corrupt; the message says which. */
public final class IdxFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, the value found, what was expected and what to do
   */
  public IdxFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed, the value found, what was expected and what to do
   * @param cause the underlying failure
   */
  public IdxFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
