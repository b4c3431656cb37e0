package org.flipad.streams.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON for the topology's private state (join state, decision cache). The state never leaves the
 * service, so it needs no registry; JSON keeps the changelog readable when debugging, and unknown
 * fields are ignored so a newer instance can restore an older changelog.
 *
 * <p>Public because the lookup store ({@code org.flipad.streams.lookup}) keeps its entries the same
 * way.
 */
public final class JsonStateSerde<T> implements Serde<T> {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Class<T> type;

  /** A serde of {@code type}, which Jackson must be able to write and read (a record, say). */
  public JsonStateSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return MAPPER.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + type.getSimpleName() + " as JSON", e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return MAPPER.readValue(bytes, type);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "The state store holds a " + type.getSimpleName() + " that cannot be read", e);
      }
    };
  }
}
