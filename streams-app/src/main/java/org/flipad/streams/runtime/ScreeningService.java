package org.flipad.streams.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.flipad.streams.deadletter.BoundedDeadLetters;
import org.flipad.streams.lookup.LookupTopology;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.ScreeningListener;
import org.flipad.streams.topology.ScreeningSettings;
import org.flipad.streams.topology.ScreeningTopology;

/**
 * The screening topology running in Kafka Streams with exactly-once processing: offsets, state
 * store updates and every output of an upload commit atomically, so each upload yields one terminal
 * record even across crashes and rebalances.
 *
 * <p>No single record stops it: inputs that cannot be read or screened become dead letters in the
 * topology, and an output that cannot be written is dropped and dead-lettered by {@link
 * DeadLetteringProductionExceptionHandler}. Outputs are capped below the producer's {@code
 * max.request.size} (less 16 KiB for key and framing) so that an oversized one fails before the
 * producer sees it, rather than aborting the transaction.
 *
 * <p>With a lookup retention, the same client keeps the lookup stores of {@link LookupTopology}
 * (outcomes by upload id, archived images by sha256), which the lookup API reads by interactive
 * queries.
 */
public final class ScreeningService implements AutoCloseable {

  /** Room left under {@code max.request.size} for the key, headers and batch framing. */
  static final int OUTPUT_FRAMING_BYTES = 16 << 10;

  /** How long an upload's outcome stays in the lookup store unless configured: 7 days. */
  public static final Duration DEFAULT_LOOKUP_RETENTION = Duration.ofDays(7);

  private final KafkaStreams streams;

  /**
   * Builds (does not start) the service, keeping outcomes for {@link #DEFAULT_LOOKUP_RETENTION}.
   */
  public ScreeningService(
      Map<String, Object> clientProperties,
      String applicationId,
      Path stateDir,
      Topics topics,
      ServiceSerdes serdes,
      ModelCatalog catalog,
      ScreeningSettings settings,
      ScreeningListener listener) {
    this(
        clientProperties,
        applicationId,
        stateDir,
        topics,
        serdes,
        catalog,
        settings,
        listener,
        DEFAULT_LOOKUP_RETENTION);
  }

  /**
   * Builds (does not start) the service.
   *
   * @param clientProperties Kafka client settings passed through unchanged (bootstrap servers,
   *     security); StreamsConfig keys given here win over the defaults below
   * @param applicationId the Streams application id (consumer group and state prefix)
   * @param stateDir where state stores live
   * @param lookupRetention how long an upload's verdict or dead letter stays in the lookup store,
   *     or null for no lookup stores (the lookup API is off: no extra state, disk or topic reads)
   */
  public ScreeningService(
      Map<String, Object> clientProperties,
      String applicationId,
      Path stateDir,
      Topics topics,
      ServiceSerdes serdes,
      ModelCatalog catalog,
      ScreeningSettings settings,
      ScreeningListener listener,
      Duration lookupRetention) {
    ScreeningSettings capped = withinProducerLimit(settings, clientProperties);
    Topology topology = ScreeningTopology.build(topics, serdes, catalog, capped, listener);
    if (lookupRetention != null) {
      LookupTopology.addTo(topology, topics, serdes, lookupRetention);
    }
    DeadLetteringProductionExceptionHandler.Wiring wiring =
        new DeadLetteringProductionExceptionHandler.Wiring(
            serdes.deadLetters(),
            topics,
            new BoundedDeadLetters(capped.deadLetterLimits()),
            capped.serviceInstance(),
            listener,
            InstantSource.system());
    this.streams =
        new KafkaStreams(topology, properties(clientProperties, applicationId, stateDir, wiring));
  }

  /**
   * {@code settings} with outputs capped 16 KiB below the producer's {@code max.request.size} when
   * the client properties set it ({@code max.request.size} or {@code producer.max.request.size}).
   */
  static ScreeningSettings withinProducerLimit(
      ScreeningSettings settings, Map<String, Object> clientProperties) {
    Object configured =
        clientProperties.getOrDefault(
            StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
            clientProperties.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
    if (configured == null) {
      return settings;
    }
    int maxRequestSize = Integer.parseInt(configured.toString().trim());
    return settings.withMaxOutputBytes(Math.max(1, maxRequestSize - OUTPUT_FRAMING_BYTES));
  }

  /**
   * The Streams configuration: exactly-once v2 and the dead-lettering production exception handler
   * unless the caller says otherwise.
   */
  static Properties properties(
      Map<String, Object> clientProperties,
      String applicationId,
      Path stateDir,
      DeadLetteringProductionExceptionHandler.Wiring wiring) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    defaults.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    defaults.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    // Decisions are small; flushing them every 50 ms bounds the latency a transaction adds.
    defaults.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
    defaults.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    defaults.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    defaults.put(StreamsConfig.producerPrefix("linger.ms"), 1);
    defaults.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringProductionExceptionHandler.class);
    defaults.put(DeadLetteringProductionExceptionHandler.WIRING_CONFIG, wiring);
    Properties props = new Properties();
    props.putAll(defaults);
    props.putAll(clientProperties);
    return props;
  }

  /** Starts processing. */
  public void start() {
    streams.start();
  }

  /** The Streams client, for readiness checks and metrics binding. */
  public KafkaStreams streams() {
    return streams;
  }

  /**
   * Uploads this instance is screening now — being fetched or awaiting workers' results — counted
   * in its local stores; empty while the stores cannot be queried (starting, rebalancing).
   */
  public OptionalLong uploadsInFlight() {
    try {
      return OptionalLong.of(
          count(ScreeningTopology.PENDING_STORE) + count(ScreeningTopology.FETCH_STORE));
    } catch (InvalidStateStoreException e) {
      return OptionalLong.empty();
    }
  }

  private long count(String store) {
    ReadOnlyKeyValueStore<String, Object> entries =
        streams.store(
            StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
    long n = 0;
    try (KeyValueIterator<String, Object> all = entries.all()) {
      while (all.hasNext()) {
        all.next();
        n++;
      }
    }
    return n;
  }

  /** Whether the Streams client is RUNNING. */
  public boolean running() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  /** Stops processing, committing what is done. */
  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
  }
}
