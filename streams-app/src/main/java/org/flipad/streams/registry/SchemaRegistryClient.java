package org.flipad.streams.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The calls a serialiser and a deserialiser make on a Confluent-compatible schema registry (Avro
 * only). Not-found answers are {@code Optional.empty()}; other failures throw {@link
 * SchemaRegistryException}. Implementations are thread-safe.
 */
public interface SchemaRegistryClient {

  /**
   * Registers {@code schema} under {@code subject}; idempotent (an already registered schema
   * returns its id without a new version).
   *
   * @return the registry-wide schema id
   * @throws SchemaRegistryException with {@link RegistryError#INCOMPATIBLE_SCHEMA} or {@link
   *     RegistryError#INVALID_SCHEMA}
   */
  int register(String subject, Schema schema);

  /** The registration of {@code schema} under {@code subject}, or empty if it is not registered. */
  Optional<RegisteredSchema> lookup(String subject, Schema schema);

  /** The schema with registry-wide id {@code id}, or empty if there is none. */
  Optional<Schema> schemaById(int id);

  /** The latest version under {@code subject}, or empty if the subject has no versions. */
  Optional<RegisteredSchema> latest(String subject);

  /**
   * Whether {@code schema} could be registered under {@code subject} at the subject's compatibility
   * level (a dry run; true for a subject without versions).
   */
  boolean isCompatible(String subject, Schema schema);
}
