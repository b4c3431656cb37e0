package org.flipad.streams.lookup;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the lookup stores of one Kafka Streams client by interactive queries.
 *
 * <p>Which instance owns a key comes from {@link KafkaStreams#queryMetadataForKey}: the key's
 * partition in the store's source topic, and the {@code application.server} of the instance whose
 * active task holds it. When that is another instance the answer is {@link Located.Elsewhere} and
 * the caller forwards the request there. Without {@code application.server} Kafka Streams keeps no
 * partition map, so this instance is taken to be the only one and every key is looked up across all
 * its local partitions; with several instances, {@code application.server} is required.
 */
public final class StoreLookup implements Lookups {

  private static final StringSerializer KEYS = new StringSerializer();
  private static final QueryableStoreType<ReadOnlyKeyValueStore<Object, Object>> TYPE =
      QueryableStoreTypes.keyValueStore();

  private final KafkaStreams streams;
  private final HostInfo self;

  /**
   * @param streams the running client whose stores are read
   * @param self this instance's {@code application.server}, or null when it is not set
   */
  public StoreLookup(KafkaStreams streams, HostInfo self) {
    this.streams = Objects.requireNonNull(streams, "streams");
    this.self = self;
  }

  /** A lookup whose own address is the {@code application.server} of {@code clientProperties}. */
  public static StoreLookup of(KafkaStreams streams, Map<String, Object> clientProperties) {
    Object server = clientProperties.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
    return new StoreLookup(
        streams,
        server == null || server.toString().isBlank()
            ? null
            : HostInfo.buildFromEndpoint(server.toString()));
  }

  @Override
  public Located<UploadOutcome> upload(String uploadId) {
    return find(LookupTopology.OUTCOMES_STORE, uploadId);
  }

  @Override
  public Located<byte[]> image(String sha256) {
    return find(LookupTopology.IMAGES_STORE, sha256);
  }

  private <V> Located<V> find(String storeName, String key) {
    if (self == null) {
      // Kafka Streams shares no partition map without application.server; this instance is
      // taken to be the only one and asked across all its partitions.
      return local(storeName, key, StoreQueryParameters.fromNameAndType(storeName, TYPE));
    }
    KeyQueryMetadata metadata;
    try {
      metadata = streams.queryMetadataForKey(storeName, key, KEYS);
    } catch (IllegalStateException | InvalidStateStoreException e) {
      // Not started yet (StreamsNotStartedException) or stopping: a caller may retry.
      return new Located.Unavailable<>("the service is not running (" + streams.state() + ")");
    }
    if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      return new Located.Unavailable<>(
          "store "
              + storeName
              + " has no partition assignment yet (state "
              + streams.state()
              + ")");
    }
    HostInfo owner = metadata.activeHost();
    if (owner != null && owner.port() >= 0 && !owner.equals(self)) {
      return new Located.Elsewhere<>(owner);
    }
    return local(
        storeName,
        key,
        StoreQueryParameters.fromNameAndType(storeName, TYPE).withPartition(metadata.partition()));
  }

  private <V> Located<V> local(
      String storeName,
      String key,
      StoreQueryParameters<ReadOnlyKeyValueStore<Object, Object>> parameters) {
    try {
      @SuppressWarnings("unchecked")
      V value = (V) streams.store(parameters).get(key);
      return value == null ? new Located.Missing<>() : new Located.Found<>(value);
    } catch (InvalidStateStoreException e) {
      return new Located.Unavailable<>(
          "store "
              + storeName
              + (parameters.partition() == null ? "" : " partition " + parameters.partition())
              + " cannot be read here now ("
              + e.getMessage()
              + ")");
    }
  }
}
