package org.flipad.streams.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A schema as registered under a subject.
 *
 * @param subject the subject, e.g. {@code flipad.uploads-value}
 * @param id the registry-wide schema id (the same schema under two subjects has one id)
 * @param version the version within the subject, from 1
 * @param schema the parsed Avro schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
  /** Validates the fields. */
  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
