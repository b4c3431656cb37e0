package org.flipad.streams.runtime;

import static org.flipad.streams.runtime.ConfigType.BOOLEAN;
import static org.flipad.streams.runtime.ConfigType.DOUBLE;
import static org.flipad.streams.runtime.ConfigType.INT;
import static org.flipad.streams.runtime.ConfigType.LIST;
import static org.flipad.streams.runtime.ConfigType.LONG;
import static org.flipad.streams.runtime.ConfigType.STRING;
import static org.flipad.streams.runtime.ConfigValidator.above;
import static org.flipad.streams.runtime.ConfigValidator.any;
import static org.flipad.streams.runtime.ConfigValidator.atLeast;
import static org.flipad.streams.runtime.ConfigValidator.between;
import static org.flipad.streams.runtime.ConfigValidator.nonBlank;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flipad.core.data.DecodeLimits;
import org.flipad.streams.deadletter.DeadLetterLimits;
import org.flipad.streams.serde.AvroSerdeSettings;

/**
 * Every {@code flipad.*} setting of {@code flipad serve} and {@code flipad worker}, declared once.
 * {@code docs/operations.md} lists the same keys; {@link #ALL} is the source of truth, and anything
 * else under {@code flipad.} is refused.
 *
 * <p>Kept as one file because it is a catalogue: one declaration per key (name, type, default,
 * validation, description) with nothing to share between them, read top to bottom against the
 * operations guide; split by feature, a key's place would have to be looked up before it could be
 * checked or added.
 */
public final class ConfigKeys {

  /** Schema registry base URL; required by serve and worker. */
  public static final ConfigKey REGISTRY_URL =
      new ConfigKey(
          "flipad.registry.url",
          STRING,
          "",
          ConfigValidator.httpUrlOrEmpty(),
          "Schema registry base URL, e.g. http://schema-registry:8081; required");

  /** Prefix in front of every topic name. */
  public static final ConfigKey TOPICS_PREFIX =
      new ConfigKey(
          "flipad.topics.prefix", STRING, "", any(), "Prefix of every topic name, e.g. staging.");

  /** Whether serve creates missing topics. */
  public static final ConfigKey TOPICS_CREATE =
      new ConfigKey(
          "flipad.topics.create",
          BOOLEAN,
          "false",
          any(),
          "Whether serve creates missing topics at start (needs CREATE on the cluster)");

  /** Partitions of created topics. */
  public static final ConfigKey TOPICS_PARTITIONS =
      new ConfigKey(
          "flipad.topics.partitions",
          INT,
          "6",
          between(1, 10_000),
          "Partitions of topics created by flipad.topics.create");

  /** Kafka Streams application id. */
  public static final ConfigKey APPLICATION_ID =
      new ConfigKey(
          "flipad.application.id",
          STRING,
          "flipad-screening",
          nonBlank(),
          "Kafka Streams application id (consumer group, internal topic prefix)");

  /** Kafka Streams state directory. */
  public static final ConfigKey STATE_DIR =
      new ConfigKey(
          "flipad.state.dir",
          STRING,
          null,
          any(),
          "Kafka Streams state directory; default <java.io.tmpdir>/flipad-streams");

  /** Watched models and their detector bundles. */
  public static final ConfigKey MODELS =
      new ConfigKey(
          "flipad.models",
          LIST,
          "",
          any(),
          "Watched models: comma list of modelId=bundlePath or modelId=bundlePath@sha256");

  /** Decision level of every watched model. */
  public static final ConfigKey MODELS_FNR =
      new ConfigKey(
          "flipad.models.fnr",
          DOUBLE,
          "0.005",
          ConfigValidator.fraction(),
          "False-negative rate every watched model decides at");

  /** Time from intake to verdict. */
  public static final ConfigKey SCREENING_DEADLINE_MS =
      new ConfigKey(
          "flipad.screening.deadline.ms",
          LONG,
          "10000",
          atLeast(1),
          "Time from intake to verdict in ms; later uploads are UNDECIDED with TIMEOUT");

  /** Lifetime of a cached decision. */
  public static final ConfigKey SCREENING_CACHE_TTL_MS =
      new ConfigKey(
          "flipad.screening.cache.ttl.ms",
          LONG,
          "600000",
          atLeast(0),
          "How long in ms a decision is reused for a re-upload of the same bytes");

  /** How long an upload id is remembered after its terminal record. */
  public static final ConfigKey SCREENING_DUPLICATE_WINDOW_MS =
      new ConfigKey(
          "flipad.screening.duplicate.window.ms",
          LONG,
          "86400000",
          atLeast(0),
          "How long in ms an upload id is remembered after its verdict; another upload with the"
              + " id within it is dead-lettered DUPLICATE_UPLOAD");

  /** Flood alarm window. */
  public static final ConfigKey FLOOD_WINDOW_MS =
      new ConfigKey(
          "flipad.flood.window.ms",
          LONG,
          "60000",
          between(1_000, 86_400_000),
          "Length in ms of the windows in which attributions per model and tenant are counted for"
              + " the flood alarm");

  /** Flood alarm baseline. */
  public static final ConfigKey FLOOD_BASELINE_WINDOWS =
      new ConfigKey(
          "flipad.flood.baseline.windows",
          INT,
          "60",
          between(1, 10_000),
          "How many earlier windows the flood alarm's baseline averages");

  /** Flood alarm multiple. */
  public static final ConfigKey FLOOD_MULTIPLE =
      new ConfigKey(
          "flipad.flood.multiple",
          DOUBLE,
          "5",
          above(1),
          "A window raises a FLOOD alert when its attributions reach this multiple of the"
              + " baseline (and the minimum count)");

  /** Flood alarm minimum count. */
  public static final ConfigKey FLOOD_MIN_COUNT =
      new ConfigKey(
          "flipad.flood.min.count",
          LONG,
          "20",
          atLeast(1),
          "The fewest attributions in one window that can raise a FLOOD alert");

  /** Inline byte cap. */
  public static final ConfigKey SCREENING_MAX_INLINE_BYTES =
      new ConfigKey(
          "flipad.screening.max.inline.bytes",
          LONG,
          String.valueOf(768L << 10),
          atLeast(1),
          "Most encoded bytes an upload may carry inline");

  /** Referenced byte cap. */
  public static final ConfigKey SCREENING_MAX_REFERENCED_BYTES =
      new ConfigKey(
          "flipad.screening.max.referenced.bytes",
          LONG,
          String.valueOf(16L << 20),
          atLeast(1),
          "Most bytes fetched for an image sent by reference");

  /** Pixel cap. */
  public static final ConfigKey SCREENING_MAX_PIXELS =
      new ConfigKey(
          "flipad.screening.max.pixels",
          LONG,
          String.valueOf(DecodeLimits.DEFAULT_MAX_PIXELS),
          atLeast(1),
          "Width x height cap, checked before decoding");

  /** Allowed reference prefixes. */
  public static final ConfigKey SCREENING_REFERENCE_ALLOWLIST =
      new ConfigKey(
          "flipad.screening.reference.allowlist",
          LIST,
          "",
          any(),
          "Comma list of allowed locations (https://host[:port]/path/ or file:/path/); a reference"
              + " needs the same scheme, host and port and a path under one; empty refuses references");

  /** Reference fetch timeout. */
  public static final ConfigKey SCREENING_REFERENCE_TIMEOUT_MS =
      new ConfigKey(
          "flipad.screening.reference.timeout.ms",
          LONG,
          "5000",
          atLeast(1),
          "Bound in ms on fetching one referenced image");

  /** This instance's name in audit records. */
  public static final ConfigKey SCREENING_INSTANCE =
      new ConfigKey(
          "flipad.screening.instance",
          STRING,
          null,
          any(),
          "This instance's name in audit records; default $HOSTNAME, else flipad-streams");

  /** Cap on the array and map items of one Avro record. */
  public static final ConfigKey SERDE_MAX_COLLECTION_ITEMS =
      new ConfigKey(
          "flipad.serde.max.collection.items",
          INT,
          String.valueOf(AvroSerdeSettings.DEFAULT_MAX_COLLECTION_ITEMS),
          between(0, 1 << 24),
          "Most array and map items one Avro record may declare in total; a record with more is"
              + " dead-lettered UNDECODABLE_AVRO. With string and bytes lengths bounded by the"
              + " record's size, this bounds what decoding one record allocates beyond its size");

  /** Budget of original bytes a dead letter keeps. */
  public static final ConfigKey DEADLETTER_MAX_ORIGINAL_BYTES =
      new ConfigKey(
          "flipad.deadletter.max.original.bytes",
          INT,
          String.valueOf(DeadLetterLimits.DEFAULT_MAX_ORIGINAL_BYTES),
          between(0, DeadLetterLimits.MAX_ORIGINAL_BYTES),
          "Most bytes of the failed record's key and value a dead letter copies; beyond it they"
              + " are kept as size, sha256 and prefix");

  /** Worker id. */
  public static final ConfigKey WORKER_ID =
      new ConfigKey(
          "flipad.worker.id",
          STRING,
          null,
          any(),
          "Worker id, root of its transactional id (keep it stable across restarts); default"
              + " $HOSTNAME, else flipad-worker-<pid>; threads add -0, -1, ...");

  /** Workers' consumer group. */
  public static final ConfigKey WORKER_GROUP_ID =
      new ConfigKey(
          "flipad.worker.group.id",
          STRING,
          "flipad-workers",
          nonBlank(),
          "Consumer group all workers of a cluster share");

  /** Batch size. */
  public static final ConfigKey WORKER_BATCH_SIZE =
      new ConfigKey(
          "flipad.worker.batch.size",
          INT,
          "16",
          between(1, 4096),
          "Most images inverted together per model");

  /** Batch fill wait. */
  public static final ConfigKey WORKER_BATCH_WAIT_MS =
      new ConfigKey(
          "flipad.worker.batch.wait.ms",
          LONG,
          "5",
          atLeast(0),
          "How long in ms a batch may wait to fill after its first request");

  /** Attempts per image. */
  public static final ConfigKey WORKER_MAX_ATTEMPTS =
      new ConfigKey(
          "flipad.worker.max.attempts",
          INT,
          "3",
          between(1, 100),
          "Tries per image before it is given up with WORKER_ERROR");

  /** Worker threads per process. */
  public static final ConfigKey WORKER_THREADS =
      new ConfigKey(
          "flipad.worker.threads",
          INT,
          "1",
          between(1, 64),
          "Worker threads per process, each with its own copy of every detector");

  /** PyTorch's intra-op threads in a worker process. */
  public static final ConfigKey WORKER_TORCH_THREADS =
      new ConfigKey(
          "flipad.worker.torch.threads",
          INT,
          "0",
          between(0, 256),
          "PyTorch intra-op threads of a worker process, shared by all its worker threads and"
              + " detectors (DeepSAD scoring, DJL inversion); 0 keeps PyTorch's default, one per"
              + " core");

  /** Ops HTTP bind address. */
  public static final ConfigKey HTTP_BIND =
      new ConfigKey(
          "flipad.http.bind",
          STRING,
          "0.0.0.0",
          nonBlank(),
          "Address of /metrics, /live and /ready");

  /** Ops HTTP port. */
  public static final ConfigKey HTTP_PORT =
      new ConfigKey(
          "flipad.http.port",
          INT,
          "8080",
          between(0, 65535),
          "Port of /metrics, /live and /ready; 0 picks a free one");

  /** Whether serve runs the lookup API. */
  public static final ConfigKey API_ENABLED =
      new ConfigKey(
          "flipad.api.enabled",
          BOOLEAN,
          "false",
          any(),
          "Whether serve answers the lookup API under /api/v1 (verdicts, images, models)");

  /** Lookup API bind address. */
  public static final ConfigKey API_BIND =
      new ConfigKey(
          "flipad.api.bind",
          STRING,
          "127.0.0.1",
          nonBlank(),
          "Address of the lookup API; any address but loopback needs flipad.api.tokens.sha256");

  /** Lookup API port. */
  public static final ConfigKey API_PORT =
      new ConfigKey(
          "flipad.api.port",
          INT,
          "8090",
          between(0, 65535),
          "Port of the lookup API; 0 picks a free one. With several instances, set"
              + " kafka.application.server to this instance's host and this port");

  /** Accepted bearer tokens, hashed. */
  public static final ConfigKey API_TOKENS_SHA256 =
      new ConfigKey(
          "flipad.api.tokens.sha256",
          LIST,
          "",
          any(),
          "Comma list of the SHA-256 digests (hex) of the accepted bearer tokens; empty allows"
              + " only a loopback address and serves no images");

  /** Lookup API request threads. */
  public static final ConfigKey API_THREADS =
      new ConfigKey(
          "flipad.api.threads", INT, "4", between(1, 256), "Request threads of the lookup API");

  /** How long outcomes stay queryable. */
  public static final ConfigKey API_LOOKUP_RETENTION_MS =
      new ConfigKey(
          "flipad.api.lookup.retention.ms",
          LONG,
          String.valueOf(7L * 24 * 3600 * 1000),
          atLeast(1000),
          "How long in ms an upload's verdict or dead letter can be looked up after it was written");

  /** Whether serve also serves the review console. */
  public static final ConfigKey CONSOLE_ENABLED =
      new ConfigKey(
          "flipad.console.enabled",
          BOOLEAN,
          "false",
          any(),
          "Whether serve also serves the review console under /console/ on the lookup API's"
              + " address (needs flipad.api.enabled and flipad.console.users)");

  /** Console accounts, passwords hashed. */
  public static final ConfigKey CONSOLE_USERS =
      new ConfigKey(
          "flipad.console.users",
          LIST,
          "",
          any(),
          "Comma list of console accounts NAME:ROLE:HASH, ROLE reviewer or viewer, HASH from"
              + " flipad console --hash-password");

  /** Console session idle limit. */
  public static final ConfigKey CONSOLE_SESSION_IDLE_MS =
      new ConfigKey(
          "flipad.console.session.idle.ms",
          LONG,
          String.valueOf(30L * 60 * 1000),
          atLeast(60_000),
          "A console session ends after this many ms without a request (sessions last 12 h at"
              + " most)");

  /** Every declared key, in documentation order. */
  public static final List<ConfigKey> ALL =
      List.of(
          REGISTRY_URL,
          TOPICS_PREFIX,
          TOPICS_CREATE,
          TOPICS_PARTITIONS,
          APPLICATION_ID,
          STATE_DIR,
          MODELS,
          MODELS_FNR,
          SCREENING_DEADLINE_MS,
          SCREENING_CACHE_TTL_MS,
          SCREENING_DUPLICATE_WINDOW_MS,
          FLOOD_WINDOW_MS,
          FLOOD_BASELINE_WINDOWS,
          FLOOD_MULTIPLE,
          FLOOD_MIN_COUNT,
          SCREENING_MAX_INLINE_BYTES,
          SCREENING_MAX_REFERENCED_BYTES,
          SCREENING_MAX_PIXELS,
          SCREENING_REFERENCE_ALLOWLIST,
          SCREENING_REFERENCE_TIMEOUT_MS,
          SCREENING_INSTANCE,
          SERDE_MAX_COLLECTION_ITEMS,
          DEADLETTER_MAX_ORIGINAL_BYTES,
          WORKER_ID,
          WORKER_GROUP_ID,
          WORKER_BATCH_SIZE,
          WORKER_BATCH_WAIT_MS,
          WORKER_MAX_ATTEMPTS,
          WORKER_THREADS,
          WORKER_TORCH_THREADS,
          HTTP_BIND,
          HTTP_PORT,
          API_ENABLED,
          API_BIND,
          API_PORT,
          API_TOKENS_SHA256,
          API_THREADS,
          API_LOOKUP_RETENTION_MS,
          CONSOLE_ENABLED,
          CONSOLE_USERS,
          CONSOLE_SESSION_IDLE_MS);

  private static final Map<String, ConfigKey> BY_NAME = byName();

  private ConfigKeys() {}

  private static Map<String, ConfigKey> byName() {
    Map<String, ConfigKey> map = new LinkedHashMap<>();
    ALL.forEach(key -> map.put(key.name(), key));
    return Map.copyOf(map);
  }

  /** The key named {@code name}, if declared. */
  public static Optional<ConfigKey> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The declared key whose name is closest to {@code name} (edit distance), for "did you mean". */
  public static ConfigKey closest(String name) {
    return ALL.stream()
        .min(Comparator.comparingInt(key -> editDistance(key.name(), name)))
        .orElseThrow();
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
