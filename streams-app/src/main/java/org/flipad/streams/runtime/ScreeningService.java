package org.flipad.streams.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
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
 */
public final class ScreeningService implements AutoCloseable {

  private final KafkaStreams streams;

  /**
   * Builds (does not start) the service.
   *
   * @param clientProperties Kafka client settings passed through unchanged (bootstrap servers,
   *     security); StreamsConfig keys given here win over the defaults below
   * @param applicationId the Streams application id (consumer group and state prefix)
   * @param stateDir where state stores live
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
    Topology topology = ScreeningTopology.build(topics, serdes, catalog, settings, listener);
    this.streams =
        new KafkaStreams(topology, properties(clientProperties, applicationId, stateDir));
  }

  /** The Streams configuration: exactly-once v2 unless the caller says otherwise. */
  static Properties properties(
      Map<String, Object> clientProperties, String applicationId, Path stateDir) {
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
