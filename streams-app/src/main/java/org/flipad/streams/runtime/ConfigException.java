package org.flipad.streams.runtime;

/**
 * A configuration value is missing, unknown or invalid. The message names the key, the value and
 * what to do; the command line prints it without a stack trace (it is an {@link
 * IllegalArgumentException}, a user error).
 */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** A configuration error described by {@code message}. */
  public ConfigException(String message) {
    super(message);
  }

  /** A configuration error described by {@code message}, caused by {@code cause}. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
