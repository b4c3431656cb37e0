package org.flipad.streams.runtime;

import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.flipad.streams.api.ApiContent;
import org.flipad.streams.api.ApiHttpServer;
import org.flipad.streams.api.ModelsView;
import org.flipad.streams.console.ConsoleSources;
import org.flipad.streams.console.ReviewConsole;
import org.flipad.streams.control.HotSwap;
import org.flipad.streams.control.ModelsFollower;
import org.flipad.streams.lookup.StoreLookup;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.model.WatchedModel;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.stats.VerdictStats;
import org.flipad.streams.topic.TopicCreator;
import org.flipad.streams.topic.TopicTail;
import org.flipad.streams.topology.ScreeningListener;
import org.flipad.streams.worker.LoadedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process of {@code flipad serve}: the screening service against an external cluster and schema
 * registry, with its metrics and the ops HTTP server ({@code /ready} when Kafka Streams is
 * RUNNING). Wired as {@link LocalStack} wires it, minus the embedded broker and registry: the
 * schemas must be registered beforehand (auto-registration is off), topics exist or {@code
 * flipad.topics.create} is on. With {@code flipad.api.enabled} it also serves the lookup API
 * ({@link ApiHttpServer}), and with {@code flipad.console.enabled} the review console on the same
 * address ({@link ReviewConsole}).
 *
 * <p>Runs until {@link #close()} (the shutdown hook) or until Kafka Streams fails, which {@link
 * #awaitTermination()} reports.
 */
public final class ServeRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServeRuntime.class);

  private final ServiceMetrics metrics;
  private final ScreeningService service;
  private final OpsHttpServer http;
  private final ApiHttpServer api;
  private final ReviewConsole console;
  private final VerdictStats stats;
  private final TopicTail statsTail;
  private final CompletableFuture<Optional<String>> terminated = new CompletableFuture<>();
  private volatile boolean closing;

  private ServeRuntime(ServiceConfig config, ModelCatalog catalog, List<AutoCloseable> opened) {
    Map<String, Object> kafka = config.kafkaClientProperties();
    HttpSchemaRegistryClient registry =
        HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(config.registryUrl()));
    ServiceSerdes serdes = ServiceSerdes.create(registry, config.avroSerdeSettings());
    this.metrics = ServiceMetrics.withJvmMetrics();
    opened.add(metrics);
    catalog.all().forEach(m -> metrics.modelActive(m.modelId(), m.version()));
    this.service =
        new ScreeningService(
            StaticMembership.withStaticMembership(kafka, config),
            config.applicationId(),
            config.stateDir(),
            config.topics(),
            serdes,
            catalog,
            config.screeningSettings(),
            MetricsListeners.screening(metrics, new ScreeningListener() {}),
            // The stores cost disk (archived images above all) and reads of three more topics;
            // they exist only while the API is on, and fill from those topics when it is turned on.
            config.apiSettings().isPresent() ? config.lookupRetention() : null);
    opened.add(service);
    service.streams().setStateListener(this::onStateChange);
    // Control-plane changes (activation, threshold, disable) reach the catalog without a restart.
    ControlSerdes control = ControlSerdes.create(registry, config.avroSerdeSettings());
    ModelsFollower follower = new ModelsFollower(kafka, config.topics().models(), control.models());
    HotSwap swap =
        new HotSwap(
            follower.versions(),
            kafka,
            config.stateDir().resolve("bundle-cache"),
            (version, cause) ->
                LOG.error(
                    "Cannot serve {}@{}; the previous version keeps serving: {}",
                    version.getModelId(),
                    version.getVersion(),
                    cause.toString()));
    follower.onChange(swap.catalog(catalog, m -> metrics.modelActive(m.modelId(), m.version())));
    follower.start();
    opened.add(follower);
    metrics.bindKafkaStreams(service.streams());
    metrics.countUploadsInFlight(service::uploadsInFlight);
    this.http =
        OpsHttpServer.start(
            config.opsHttpSettings(),
            metrics.registry(),
            Readiness.kafkaStreamsRunning(service.streams()));
    opened.add(http);
    // Verdict statistics are kept while the API is on: /api/v1/stats and the console's charts.
    this.stats =
        config.apiSettings().map(s -> new VerdictStats(InstantSource.system())).orElse(null);
    this.statsTail =
        stats == null ? null : stats.follow(kafka, config.topics().verdicts(), serdes.verdicts());
    if (statsTail != null) {
      opened.add(statsTail);
    }
    this.api =
        config
            .apiSettings()
            .map(
                settings ->
                    ApiHttpServer.start(
                        settings,
                        new ApiContent(
                            StoreLookup.of(service.streams(), kafka),
                            new ModelsView(catalog, follower.versions()),
                            stats::toJson,
                            config.lookupRetention()),
                        MetricsListeners.api(metrics)))
            .orElse(null);
    if (api != null) {
      opened.add(api);
    }
    this.console =
        config
            .consoleSettings()
            .map(
                settings ->
                    ReviewConsole.start(
                        settings,
                        new ConsoleSources(
                            StoreLookup.of(service.streams(), kafka),
                            new ModelsView(catalog, follower.versions()),
                            kafka,
                            config.topics(),
                            serdes,
                            control,
                            stats::toJson),
                        api))
            .orElse(null);
    if (console != null) {
      opened.add(console);
    }
  }

  /**
   * Loads the watched models' descriptions, creates missing topics when configured, and starts the
   * screening service and the ops HTTP server. Returns without waiting for RUNNING; {@code /ready}
   * says when.
   *
   * @throws ConfigException when a setting is missing or wrong (registry URL, bootstrap servers,
   *     models)
   * @throws IOException when a detector bundle cannot be read
   */
  public static ServeRuntime start(ServiceConfig config) throws IOException {
    // Connection settings are checked first: they are cheap to check and models are slow to load.
    config.kafkaClientProperties();
    config.registryUrl();
    config.apiSettings();
    config.consoleSettings();
    ModelCatalog catalog = ModelCatalog.of(watchedModels(config));
    if (config.createTopics()) {
      createTopics(config);
    }
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      ServeRuntime runtime = new ServeRuntime(config, catalog, opened);
      runtime.service.start();
      LOG.info(
          "Serving {} for {} on {}",
          config.applicationId(),
          catalog.all().stream().map(WatchedModel::label).toList(),
          config.kafkaClientProperties().get("bootstrap.servers"));
      return runtime;
    } catch (RuntimeException e) {
      Collections.reverse(opened);
      closeAll(opened, e);
      throw e;
    }
  }

  // The topology needs each model's id, version and input layout, which live in its bundle;
  // the detectors themselves run in the workers, so they are closed again here.
  private static List<WatchedModel> watchedModels(ServiceConfig config) throws IOException {
    List<ModelSource> sources = config.models();
    if (sources.isEmpty()) {
      throw new ConfigException(
          "flipad.models is empty; serve screens for at least one watched model. Set e.g."
              + " flipad.models=dcgan-seed1=models/detectors/dcgan-seed1.flipad-detector");
    }
    List<WatchedModel> models = new ArrayList<>();
    for (ModelSource source : sources) {
      LoadedModel loaded = source.load(config.modelFnr());
      loaded.detector().close();
      models.add(loaded.model());
    }
    return models;
  }

  private static void createTopics(ServiceConfig config) {
    try (Admin admin = Admin.create(config.kafkaClientProperties())) {
      TopicCreator.createMissing(admin, config.topics().specs(config.topicPartitions()));
    }
  }

  private void onStateChange(KafkaStreams.State now, KafkaStreams.State before) {
    if (now == KafkaStreams.State.ERROR || (now == KafkaStreams.State.NOT_RUNNING && !closing)) {
      terminated.complete(
          Optional.of("Kafka Streams went from " + before + " to " + now + "; see the log above"));
    }
  }

  /** The ops HTTP server (its port when {@code flipad.http.port} is 0). */
  public OpsHttpServer http() {
    return http;
  }

  /** The lookup API, when {@code flipad.api.enabled} is on. */
  public Optional<ApiHttpServer> api() {
    return Optional.ofNullable(api);
  }

  /** The review console, when {@code flipad.console.enabled} is on. */
  public Optional<ReviewConsole> console() {
    return Optional.ofNullable(console);
  }

  /** The service's meters. */
  public ServiceMetrics metrics() {
    return metrics;
  }

  /** Whether Kafka Streams is RUNNING. */
  public boolean running() {
    return service.running();
  }

  /**
   * Blocks until the runtime is closed (empty) or Kafka Streams failed (why).
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public Optional<String> awaitTermination() throws InterruptedException {
    try {
      return terminated.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("unreachable: the future is only completed normally", e);
    }
  }

  /**
   * Stops Kafka Streams (committing what is done), then the HTTP server and metrics; idempotent.
   */
  @Override
  public synchronized void close() {
    if (closing) {
      return;
    }
    closing = true;
    List<AutoCloseable> resources = new ArrayList<>();
    if (console != null) {
      resources.add(console);
    }
    if (api != null) {
      resources.add(api);
    }
    if (statsTail != null) {
      resources.add(statsTail);
    }
    resources.addAll(List.of(service, http, metrics));
    closeAll(resources, null);
    terminated.complete(Optional.empty());
  }

  static void closeAll(List<? extends AutoCloseable> resources, Exception primary) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else {
          // Closing continues so the other resources are released; the failure is logged here.
          LOG.warn("Closing {} failed", resource, e);
        }
      }
    }
  }
}
