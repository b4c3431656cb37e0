package org.flipad.core.io;

import java.io.IOException;

/**
 * A {@code .npy} file, or a use of one, does not match what this package supports.
 *
 * <p>The message names the file, what was found, what was expected and what to do.
 */
public final class NpyFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, the value found, what was expected and what to do
   */
  public NpyFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed, the value found, what was expected and what to do
   * @param cause the underlying failure
   */
  public NpyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
