package org.flipad.streams.topology;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.serde.SizeLimitedSerializer;
import org.flipad.streams.topic.Topics;

/**
 * The screening topology: uploads in, inversion requests out; inversion results in, verdicts,
 * alerts, audit records and dead letters out. Every processor, store and sink is named explicitly
 * so that a changed topology keeps its state and its metrics names.
 *
 * <pre>
 *   uploads ──► key-uploads ──► uploads-by-id                          (re-keyed by upload id)
 *                    └─────────► dlq / audit                           (no readable upload id)
 *   uploads-by-id ──► screen-uploads ──► requests
 *                          │    └──────► verdicts / alerts / audit / dlq   (cached, no model, bad input)
 *   results ──► join-results ──────────► verdicts / alerts / audit / dlq   (complete, timed out)
 *                  ▲ pending-uploads (+ deadline index), decided-uploads (+ time index), shared
 *                    by both
 *   decisions ──► decision-cache (global, read by both; written through decisions-sink)
 * </pre>
 *
 * <p>Every sink's values are capped at {@link ScreeningSettings#maxOutputBytes()} ({@link
 * SizeLimitedSerializer}); the production exception handler configured by the runtime drops and
 * dead-letters an output above it.
 *
 * <p>Screening and joining share stores, so the re-keyed uploads and the results must be
 * co-partitioned: same partition count, both keyed by upload id and partitioned by Java's default
 * partitioner (the topology writes the re-keyed copy; the workers keep the request's key). The
 * producers' own topic may be partitioned any way at all.
 */
public final class ScreeningTopology {

  static final String UPLOADS_SOURCE = "uploads-source";
  static final String KEY_UPLOADS = "key-uploads";
  static final String UPLOADS_BY_ID_SINK = "uploads-by-id-sink";
  static final String UPLOADS_BY_ID_SOURCE = "uploads-by-id-source";
  static final String RESULTS_SOURCE = "results-source";
  static final String SCREEN_UPLOADS = "screen-uploads";
  static final String JOIN_RESULTS = "join-results";

  /** Uploads awaiting their workers' results, by upload id. */
  public static final String PENDING_STORE = "pending-uploads";

  /** Uploads by reference whose image is being fetched, by upload id. */
  public static final String FETCH_STORE = "pending-fetches";

  static final String CACHE_STORE = "decision-cache";
  static final String DEADLINE_INDEX = "pending-uploads-by-deadline";
  static final String DECIDED_STORE = "decided-uploads";
  static final String DECIDED_INDEX = "decided-uploads-by-time";

  /** Store of the flood watch's counts per model and tenant. */
  static final String FLOOD_STORE = "flood-watch";

  /** Store of the decision-cache entries each task wrote, by expiry time. */
  static final String CACHE_INDEX = "decision-cache-by-expiry";

  static final String REQUESTS_SINK = "requests-sink";
  static final String DECISIONS_SOURCE = "decisions-source";
  static final String CACHE_UPDATER = "decision-cache-updater";
  static final String DECISIONS_SINK = "decisions-sink";
  static final String IMAGES_SINK = "images-sink";
  static final String VERDICTS_SINK = "verdicts-sink";
  static final String ALERTS_SINK = "alerts-sink";
  static final String AUDIT_SINK = "audit-sink";
  static final String DEAD_LETTER_SINK = "dead-letter-sink";
  static final String ALERTS_SOURCE = "alerts-source";
  static final String KEY_ATTRIBUTIONS = "key-attributions";
  static final String ATTRIBUTIONS_SINK = "attributions-by-model-sink";
  static final String ATTRIBUTIONS_SOURCE = "attributions-by-model-source";
  static final String WATCH_FLOODS = "watch-floods";

  private ScreeningTopology() {}

  /**
   * Builds the topology.
   *
   * @param topics topic names
   * @param serdes value serdes (registry-backed)
   * @param catalog the watched models, read per upload so changes apply without restart
   * @param settings admission limits, deadline and cache lifetime
   * @param listener metrics hooks
   */
  public static Topology build(
      Topics topics,
      ServiceSerdes serdes,
      ModelCatalog catalog,
      ScreeningSettings settings,
      ScreeningListener listener) {
    Topology topology = new Topology();
    topology.addSource(
        UPLOADS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.uploads());
    topology.addProcessor(
        KEY_UPLOADS, () -> new UploadKeying(serdes.uploads(), settings, listener), UPLOADS_SOURCE);
    topology.addSink(
        UPLOADS_BY_ID_SINK,
        topics.uploadsById(),
        new StringSerializer(),
        new ByteArraySerializer(),
        KEY_UPLOADS);
    topology.addSource(
        UPLOADS_BY_ID_SOURCE,
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer(),
        topics.uploadsById());
    topology.addSource(
        RESULTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.results());
    topology.addProcessor(
        SCREEN_UPLOADS,
        () -> new UploadProcessor(serdes.uploads(), catalog, settings, listener),
        UPLOADS_BY_ID_SOURCE);
    topology.addProcessor(
        JOIN_RESULTS,
        () -> new ResultJoinProcessor(serdes.results(), settings, listener),
        RESULTS_SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PENDING_STORE),
            Serdes.String(),
            new JsonStateSerde<>(PendingUpload.class)),
        SCREEN_UPLOADS,
        JOIN_RESULTS);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(FETCH_STORE),
            Serdes.String(),
            new JsonStateSerde<>(PendingFetch.class)),
        SCREEN_UPLOADS);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DEADLINE_INDEX), Serdes.String(), Serdes.String()),
        SCREEN_UPLOADS,
        JOIN_RESULTS);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DECIDED_STORE),
            Serdes.String(),
            new JsonStateSerde<>(DecidedUploads.Decided.class)),
        SCREEN_UPLOADS,
        JOIN_RESULTS);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DECIDED_INDEX), Serdes.String(), Serdes.String()),
        SCREEN_UPLOADS,
        JOIN_RESULTS);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CACHE_INDEX), Serdes.String(), Serdes.String()),
        SCREEN_UPLOADS,
        JOIN_RESULTS);
    // The cache is global: every task sees every decision, whichever partition a re-upload (a new
    // upload id, so another key) lands in. It is written through its topic, so it commits with the
    // verdict, and read back into every instance's copy.
    JsonStateSerde<CachedDecision> cached = new JsonStateSerde<>(CachedDecision.class);
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CACHE_STORE), Serdes.String(), cached)
            .withLoggingDisabled(),
        DECISIONS_SOURCE,
        new StringDeserializer(),
        cached.deserializer(),
        topics.decisions(),
        CACHE_UPDATER,
        CacheUpdater::new);
    // The flood watch counts attributions per (model, tenant): it reads the alerts this topology
    // writes and re-keys them through their own topic, so one task sees every attribution of a key.
    JsonStateSerde<FloodWatch.Attribution> attributions =
        new JsonStateSerde<>(FloodWatch.Attribution.class);
    topology.addSource(
        ALERTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.alerts());
    topology.addProcessor(KEY_ATTRIBUTIONS, () -> new FloodKeying(serdes.alerts()), ALERTS_SOURCE);
    topology.addSink(
        ATTRIBUTIONS_SINK,
        topics.attributionsByModel(),
        new StringSerializer(),
        attributions.serializer(),
        KEY_ATTRIBUTIONS);
    topology.addSource(
        ATTRIBUTIONS_SOURCE,
        new StringDeserializer(),
        attributions.deserializer(),
        topics.attributionsByModel());
    topology.addProcessor(
        WATCH_FLOODS, () -> new FloodWatch(settings.flood(), listener), ATTRIBUTIONS_SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(FLOOD_STORE),
            Serdes.String(),
            new JsonStateSerde<>(FloodState.class)),
        WATCH_FLOODS);
    StringSerializer keys = new StringSerializer();
    topology.addSink(
        REQUESTS_SINK,
        topics.requests(),
        keys,
        capped(ServiceSerdes.serializer(serdes.requests()), settings),
        SCREEN_UPLOADS);
    topology.addSink(
        VERDICTS_SINK,
        topics.verdicts(),
        keys,
        capped(ServiceSerdes.serializer(serdes.verdicts()), settings),
        SCREEN_UPLOADS,
        JOIN_RESULTS);
    topology.addSink(
        ALERTS_SINK,
        topics.alerts(),
        keys,
        capped(ServiceSerdes.serializer(serdes.alerts()), settings),
        SCREEN_UPLOADS,
        JOIN_RESULTS,
        WATCH_FLOODS);
    topology.addSink(
        AUDIT_SINK,
        topics.audit(),
        keys,
        capped(ServiceSerdes.serializer(serdes.audit()), settings),
        KEY_UPLOADS,
        SCREEN_UPLOADS,
        JOIN_RESULTS);
    topology.addSink(
        DECISIONS_SINK,
        topics.decisions(),
        keys,
        capped(cached.serializer(), settings),
        SCREEN_UPLOADS,
        JOIN_RESULTS);
    topology.addSink(
        IMAGES_SINK,
        topics.images(),
        keys,
        capped(new ByteArraySerializer(), settings),
        SCREEN_UPLOADS);
    topology.addSink(
        DEAD_LETTER_SINK,
        topics.deadLetters(),
        keys,
        capped(ServiceSerdes.serializer(serdes.deadLetters()), settings),
        KEY_UPLOADS,
        SCREEN_UPLOADS,
        JOIN_RESULTS);
    return topology;
  }

  /**
   * {@code serializer} refusing values above {@link ScreeningSettings#maxOutputBytes()}: an output
   * too large to send fails before the producer sees it, and the production exception handler drops
   * and dead-letters it instead of the transaction failing.
   */
  private static <T> Serializer<T> capped(Serializer<T> serializer, ScreeningSettings settings) {
    return new SizeLimitedSerializer<>(serializer, settings.maxOutputBytes());
  }
}
