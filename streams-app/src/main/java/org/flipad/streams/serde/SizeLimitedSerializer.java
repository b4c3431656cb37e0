package org.flipad.streams.serde;

import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serializer} that refuses a value whose serialised form is larger than {@code
 * maxBytes}, with a {@link SerdeException} of {@link SerdeFailure#RECORD_TOO_LARGE}.
 *
 * <p>Why before the producer: a transactional producer that is handed a record above its {@code
 * max.request.size} fails the record and puts its open transaction into an abortable error, so
 * under exactly-once the whole transaction is lost and the same input fails again after the retry.
 * A serialisation error happens before anything is sent: Kafka Streams hands it to the production
 * exception handler, which can drop (and dead-letter) that one output and let the transaction go
 * on.
 *
 * @param <T> the type serialised by the wrapped serializer
 */
public final class SizeLimitedSerializer<T> implements Serializer<T> {

  private final Serializer<T> inner;
  private final int maxBytes;

  /** Serialises with {@code inner}, refusing results longer than {@code maxBytes}. */
  public SizeLimitedSerializer(Serializer<T> inner, int maxBytes) {
    this.inner = Objects.requireNonNull(inner, "inner");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return checked(topic, inner.serialize(topic, data));
  }

  @Override
  public byte[] serialize(String topic, Headers headers, T data) {
    return checked(topic, inner.serialize(topic, headers, data));
  }

  private byte[] checked(String topic, byte[] bytes) {
    if (bytes != null && bytes.length > maxBytes) {
      throw new SerdeException(
          SerdeFailure.RECORD_TOO_LARGE,
          "A value for topic '"
              + topic
              + "' serialises to "
              + bytes.length
              + " bytes, above the "
              + maxBytes
              + " bytes the service writes in one record (the producer's max.request.size less"
              + " room for the key and framing). It is dropped and dead-lettered instead.");
    }
    return bytes;
  }
}
