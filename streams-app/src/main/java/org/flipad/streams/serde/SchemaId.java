package org.flipad.streams.serde;

import java.util.Objects;
import java.util.UUID;

/**
 * How a Confluent-framed value names its writer schema: a registry-wide integer id (magic byte 0)
 * or a schema GUID (magic byte 1, used in the {@code __key_schema_id} / {@code __value_schema_id}
 * record headers by newer serialisers).
 */
public sealed interface SchemaId {

  /** A registry-wide integer schema id (magic byte 0, 4 bytes big-endian). */
  record Numeric(int id) implements SchemaId {}

  /** A schema GUID (magic byte 1, 16 bytes: most significant long first). */
  record Guid(UUID guid) implements SchemaId {
    /** Validates the GUID is present. */
    public Guid {
      Objects.requireNonNull(guid, "guid");
    }
  }
}
