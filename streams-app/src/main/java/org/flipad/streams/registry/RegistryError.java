package org.flipad.streams.registry;

/**
 * The Confluent Schema Registry error codes this project speaks, with their HTTP status. Error
 * bodies are {@code {"error_code": N, "message": "..."}}.
 */
public enum RegistryError {
  /** 404 / 40401: the subject has no versions. */
  SUBJECT_NOT_FOUND(404, 40401),
  /** 404 / 40402: the subject has no such version. */
  VERSION_NOT_FOUND(404, 40402),
  /** 404 / 40403: no schema with this id, or not registered under the subject. */
  SCHEMA_NOT_FOUND(404, 40403),
  /** 404 / 40408: the subject has no subject-level compatibility configured. */
  SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED(404, 40408),
  /** 409 / 40901: the schema is incompatible with earlier versions under the subject's level. */
  INCOMPATIBLE_SCHEMA(409, 40901),
  /** 422 / 42201: the text is not a valid schema (or uses an unsupported type or references). */
  INVALID_SCHEMA(422, 42201),
  /** 422 / 42202: the version is neither a positive integer nor {@code latest}. */
  INVALID_VERSION(422, 42202),
  /** 422 / 42203: unknown compatibility level. */
  INVALID_COMPATIBILITY_LEVEL(422, 42203),
  /** 404 / 404: no such endpoint. */
  NOT_FOUND(404, 404),
  /** 405 / 405: the endpoint exists but not for this method. */
  METHOD_NOT_ALLOWED(405, 405),
  /** 500 / 50001: the server failed; retry later. */
  SERVER_ERROR(500, 50001),
  /** No HTTP answer (connection refused, timeout) or an answer the client could not read. */
  UNREACHABLE(-1, -1);

  private final int httpStatus;
  private final int code;

  RegistryError(int httpStatus, int code) {
    this.httpStatus = httpStatus;
    this.code = code;
  }

  /** HTTP status of the error response; -1 for {@link #UNREACHABLE}. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The Confluent {@code error_code}; -1 for {@link #UNREACHABLE}. */
  public int code() {
    return code;
  }

  /**
   * The error for a response's {@code error_code}, falling back on the HTTP status (Confluent
   * servers answer plain 409 for an incompatible schema in some versions).
   */
  public static RegistryError of(int httpStatus, int code) {
    for (RegistryError error : values()) {
      if (error.code == code && error != UNREACHABLE) {
        return error;
      }
    }
    return switch (httpStatus) {
      case 409 -> INCOMPATIBLE_SCHEMA;
      case 422 -> INVALID_SCHEMA;
      case 404 -> NOT_FOUND;
      default -> SERVER_ERROR;
    };
  }
}
