package org.flipad.streams.runtime;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.CommonClientConfigs;
import org.flipad.streams.api.ApiSettings;
import org.flipad.streams.console.ConsoleSettings;
import org.flipad.streams.console.ConsoleUser;
import org.flipad.streams.deadletter.DeadLetterLimits;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.FloodSettings;
import org.flipad.streams.topology.ScreeningSettings;
import org.flipad.streams.worker.WorkerSettings;

/**
 * The effective configuration of {@code flipad serve} and {@code flipad worker}: a properties file
 * (optional), then environment variables, then command-line overrides, each overriding the one
 * before, on top of the defaults of {@link ConfigKeys}.
 *
 * <ul>
 *   <li>{@code flipad.*} keys must be declared in {@link ConfigKeys}; an unknown one is refused
 *       with the closest known key. {@code FLIPAD_SCREENING_DEADLINE_MS} sets {@code
 *       flipad.screening.deadline.ms} (upper case, dots as underscores).
 *   <li>{@code kafka.*} keys pass to every Kafka client unchanged without the prefix ({@code
 *       kafka.sasl.jaas.config} → {@code sasl.jaas.config}); {@code KAFKA_BOOTSTRAP_SERVERS} sets
 *       {@code kafka.bootstrap.servers}.
 * </ul>
 *
 * <p>Every value is parsed and validated at load ({@link ConfigValues}), so a bad setting fails the
 * start, not the first upload; this class turns the values into each feature's settings. Immutable.
 */
public final class ServiceConfig {

  private final ConfigValues values;

  private ServiceConfig(ConfigValues values) {
    this.values = values;
  }

  /**
   * Loads and validates the configuration.
   *
   * @param file a Java properties file, or null for none
   * @param env the environment (inject {@code System.getenv()} in production, a map in tests)
   * @param overrides command-line {@code -D key=value} settings, which win over everything
   * @throws ConfigException naming the key, the value, where it was set and what to do
   */
  public static ServiceConfig load(
      Path file, Map<String, String> env, Map<String, String> overrides) {
    return new ServiceConfig(ConfigValues.load(file, env, overrides));
  }

  /** The parsed value of {@code key}, if set or defaulted. */
  public Optional<Object> value(ConfigKey key) {
    return values.value(key);
  }

  private <T> T get(ConfigKey key, Class<T> type) {
    return values.get(key, type);
  }

  /**
   * The schema registry's URL.
   *
   * @throws ConfigException when {@code flipad.registry.url} is not set
   */
  public URI registryUrl() {
    String url = get(ConfigKeys.REGISTRY_URL, String.class);
    if (url.isEmpty()) {
      throw new ConfigException(
          "flipad.registry.url is not set; serve and worker read and write Avro through the schema"
              + " registry. Set it in the config file or as FLIPAD_REGISTRY_URL, e.g."
              + " http://schema-registry:8081");
    }
    return URI.create(url);
  }

  /**
   * The Kafka client settings, passed unchanged to every client (keys without the {@code kafka.}
   * prefix).
   *
   * @throws ConfigException when {@code kafka.bootstrap.servers} is not set
   */
  public Map<String, Object> kafkaClientProperties() {
    Map<String, String> kafka = values.kafka();
    if (!kafka.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new ConfigException(
          "kafka.bootstrap.servers is not set; give the cluster's brokers in the config file or as"
              + " KAFKA_BOOTSTRAP_SERVERS, e.g. kafka-0:9092,kafka-1:9092");
    }
    return Map.copyOf(kafka);
  }

  /** The topic names, with {@code flipad.topics.prefix} in front. */
  public Topics topics() {
    return Topics.defaults().withPrefix(get(ConfigKeys.TOPICS_PREFIX, String.class));
  }

  /** Whether serve creates missing topics ({@code flipad.topics.create}). */
  public boolean createTopics() {
    return get(ConfigKeys.TOPICS_CREATE, Boolean.class);
  }

  /** Partitions of created topics. */
  public int topicPartitions() {
    return get(ConfigKeys.TOPICS_PARTITIONS, Integer.class);
  }

  /** The Kafka Streams application id. */
  public String applicationId() {
    return get(ConfigKeys.APPLICATION_ID, String.class);
  }

  /** The Kafka Streams state directory. */
  public Path stateDir() {
    return value(ConfigKeys.STATE_DIR)
        .map(dir -> Path.of((String) dir))
        .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "flipad-streams"));
  }

  /** The watched models of {@code flipad.models}, in the order given. */
  public List<ModelSource> models() {
    List<ModelSource> models = new ArrayList<>();
    for (Object entry : get(ConfigKeys.MODELS, List.class)) {
      models.add(ModelSource.parse((String) entry));
    }
    return models;
  }

  /** The false-negative rate every model decides at. */
  public double modelFnr() {
    return get(ConfigKeys.MODELS_FNR, Double.class);
  }

  /** The screening settings of {@code flipad.screening.*}. */
  public ScreeningSettings screeningSettings() {
    List<String> allowlist = new ArrayList<>();
    get(ConfigKeys.SCREENING_REFERENCE_ALLOWLIST, List.class)
        .forEach(prefix -> allowlist.add((String) prefix));
    return new ScreeningSettings(
        get(ConfigKeys.SCREENING_MAX_INLINE_BYTES, Long.class),
        get(ConfigKeys.SCREENING_MAX_REFERENCED_BYTES, Long.class),
        get(ConfigKeys.SCREENING_MAX_PIXELS, Long.class),
        allowlist,
        values.millis(ConfigKeys.SCREENING_REFERENCE_TIMEOUT_MS),
        values.millis(ConfigKeys.SCREENING_DEADLINE_MS),
        values.millis(ConfigKeys.SCREENING_CACHE_TTL_MS),
        ScreeningSettings.defaults().punctuateInterval(),
        (String) value(ConfigKeys.SCREENING_INSTANCE).orElse(values.hostName("flipad-streams")),
        deadLetterLimits(),
        ScreeningSettings.DEFAULT_MAX_OUTPUT_BYTES,
        values.millis(ConfigKeys.SCREENING_DUPLICATE_WINDOW_MS),
        new FloodSettings(
            values.millis(ConfigKeys.FLOOD_WINDOW_MS),
            get(ConfigKeys.FLOOD_BASELINE_WINDOWS, Integer.class),
            get(ConfigKeys.FLOOD_MULTIPLE, Double.class),
            get(ConfigKeys.FLOOD_MIN_COUNT, Long.class)));
  }

  /**
   * The screening service's static group member id: {@code flipad.screening.instance} when set,
   * else {@code $HOSTNAME} (a pod's name); empty when neither is known, since a shared fallback
   * name would make two instances fence each other.
   */
  public Optional<String> staticMemberId() {
    Optional<String> explicit = value(ConfigKeys.SCREENING_INSTANCE).map(String.class::cast);
    if (explicit.isPresent()) {
      return explicit;
    }
    return Optional.ofNullable(values.hostName(null));
  }

  /** What a dead letter keeps: {@code flipad.deadletter.max.original.bytes} of the original. */
  public DeadLetterLimits deadLetterLimits() {
    return DeadLetterLimits.defaults()
        .withMaxOriginalBytes(get(ConfigKeys.DEADLETTER_MAX_ORIGINAL_BYTES, Integer.class));
  }

  /**
   * The settings of the service's Avro serdes: no auto-registration (schemas are registered from
   * CI), topic-name subjects, and the decode bound {@code flipad.serde.max.collection.items}.
   */
  public AvroSerdeSettings avroSerdeSettings() {
    return AvroSerdeSettings.defaults()
        .withMaxCollectionItems(get(ConfigKeys.SERDE_MAX_COLLECTION_ITEMS, Integer.class));
  }

  /** The number of worker threads in this process. */
  public int workerThreads() {
    return get(ConfigKeys.WORKER_THREADS, Integer.class);
  }

  /** PyTorch's intra-op threads for a worker process, or empty to keep PyTorch's default. */
  public OptionalInt workerTorchThreads() {
    int threads = get(ConfigKeys.WORKER_TORCH_THREADS, Integer.class);
    return threads == 0 ? OptionalInt.empty() : OptionalInt.of(threads);
  }

  /**
   * The settings of worker thread {@code thread} of {@code threads}: one thread keeps {@code
   * flipad.worker.id}, several append {@code -0}, {@code -1}, … so each has its own transactional
   * id.
   */
  public WorkerSettings workerSettings(int thread, int threads) {
    String id =
        (String)
            value(ConfigKeys.WORKER_ID)
                .orElse(values.hostName("flipad-worker-" + ProcessHandle.current().pid()));
    return new WorkerSettings(
        threads == 1 ? id : id + "-" + thread,
        get(ConfigKeys.WORKER_GROUP_ID, String.class),
        get(ConfigKeys.WORKER_BATCH_SIZE, Integer.class),
        values.millis(ConfigKeys.WORKER_BATCH_WAIT_MS),
        get(ConfigKeys.WORKER_MAX_ATTEMPTS, Integer.class),
        deadLetterLimits());
  }

  /** Where the ops HTTP server listens. */
  public OpsHttpSettings opsHttpSettings() {
    return new OpsHttpSettings(
        get(ConfigKeys.HTTP_BIND, String.class), get(ConfigKeys.HTTP_PORT, Integer.class));
  }

  /**
   * Where and for whom the lookup API listens, when {@code flipad.api.enabled} is on.
   *
   * @throws ConfigException when the API would listen beyond loopback without tokens, or a token
   *     digest is malformed
   */
  public Optional<ApiSettings> apiSettings() {
    if (!get(ConfigKeys.API_ENABLED, Boolean.class)) {
      return Optional.empty();
    }
    List<String> digests = new ArrayList<>();
    get(ConfigKeys.API_TOKENS_SHA256, List.class).forEach(digest -> digests.add((String) digest));
    try {
      return Optional.of(
          new ApiSettings(
              get(ConfigKeys.API_BIND, String.class),
              get(ConfigKeys.API_PORT, Integer.class),
              digests,
              get(ConfigKeys.API_THREADS, Integer.class)));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /**
   * Who may use the review console, when {@code flipad.console.enabled} is on.
   *
   * @throws ConfigException when the console is on without the API (it is served on the API's
   *     address) or without valid users
   */
  public Optional<ConsoleSettings> consoleSettings() {
    if (!get(ConfigKeys.CONSOLE_ENABLED, Boolean.class)) {
      return Optional.empty();
    }
    if (apiSettings().isEmpty()) {
      throw new ConfigException(
          "flipad.console.enabled is on but flipad.api.enabled is off; the console is served on"
              + " the lookup API's address, so set flipad.api.enabled=true");
    }
    List<ConsoleUser> users = new ArrayList<>();
    try {
      get(ConfigKeys.CONSOLE_USERS, List.class)
          .forEach(entry -> users.add(ConsoleUser.parse((String) entry)));
      return Optional.of(
          new ConsoleSettings(
              users,
              values.millis(ConfigKeys.CONSOLE_SESSION_IDLE_MS),
              ConsoleSettings.DEFAULT_MAX));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("flipad.console.users: " + e.getMessage(), e);
    }
  }

  /**
   * How long an upload's outcome stays in the lookup store ({@code
   * flipad.api.lookup.retention.ms}).
   */
  public Duration lookupRetention() {
    return values.millis(ConfigKeys.API_LOOKUP_RETENTION_MS);
  }

  /**
   * The effective settings, one {@code key = value # origin} line each, sorted, secrets masked (see
   * {@link ConfigDump}).
   */
  public List<String> describe() {
    return values.describe();
  }
}
