package org.flipad.streams.control;

/**
 * An accepted command that cannot be carried out (no such version, quality gate failed, bundle
 * unreadable); the job ends FAILED with this message and nothing changes.
 */
public final class CommandFailure extends Exception {

  private static final long serialVersionUID = 1L;

  /** A failure saying what failed, the value, what was expected and what to do. */
  public CommandFailure(String message) {
    super(message);
  }

  /** A failure with its cause. */
  public CommandFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
