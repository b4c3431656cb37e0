package org.flipad.streams.registry;

import java.util.Objects;

/**
 * A registry call that failed, with the Confluent {@link RegistryError} (error code and HTTP
 * status). Not-found answers of look-ups are values ({@code Optional.empty()}), not this exception.
 */
public final class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final RegistryError error;

  /** A failure reported by (or reaching) the registry. */
  public SchemaRegistryException(RegistryError error, String message) {
    this(error, message, null);
  }

  /** A failure with an underlying cause (may be null). */
  public SchemaRegistryException(RegistryError error, String message, Throwable cause) {
    super(message, cause);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The Confluent error. */
  public RegistryError error() {
    return error;
  }

  /** The Confluent {@code error_code}, e.g. 40901; -1 when the registry was unreachable. */
  public int errorCode() {
    return error.code();
  }
}
