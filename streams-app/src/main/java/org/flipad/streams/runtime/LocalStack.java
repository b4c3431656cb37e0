package org.flipad.streams.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.flipad.schema.ModelVersion;
import org.flipad.streams.api.ApiHttpServer;
import org.flipad.streams.api.ApiSettings;
import org.flipad.streams.console.ConsoleSettings;
import org.flipad.streams.console.ReviewConsole;
import org.flipad.streams.control.HotSwap;
import org.flipad.streams.control.ModelsFollower;
import org.flipad.streams.control.QualityGateSettings;
import org.flipad.streams.control.RetrainSettings;
import org.flipad.streams.control.Trainer;
import org.flipad.streams.model.KafkaModelStore;
import org.flipad.streams.model.KafkaModelStoreSettings;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.model.ModelStore;
import org.flipad.streams.registry.CompatibilityLevel;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.registry.KafkaSchemaStore;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.ScreeningListener;
import org.flipad.streams.topology.ScreeningSettings;
import org.flipad.streams.worker.InversionWorker;
import org.flipad.streams.worker.WorkerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything of a deployment in one JVM, for the demo, the benchmark and tests: an embedded KRaft
 * broker, the embedded schema registry (schemas in a compacted topic), the topics and schemas, the
 * model store (chunks in a compacted topic), the screening service and inversion workers following
 * {@code flipad.models} for hot swaps, the trainer, metrics and the HTTP probes. Closes in reverse
 * order.
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  private final EmbeddedKafkaBroker broker;
  private final KafkaSchemaStore schemaStore;
  private final EmbeddedSchemaRegistry registry;
  private final ServiceSerdes serdes;
  private final ControlSerdes controlSerdes;
  private final Topics topics;
  private final ServiceMetrics metrics;
  private final ModelStore modelStore;
  private final ModelCatalog catalog = new ModelCatalog();
  private final ModelsFollower follower;
  private final HotSwap hotSwap;
  private final ScreeningService service;
  private final OpsHttpServer http;
  private final ModelPublisher publisher;
  private final LocalTrainer trainer;
  private final ApiAndConsole apiAndConsole;
  private final LocalWorkers workers;

  /**
   * Starts the broker, registry, model follower and screening service, and waits until the service
   * is RUNNING. No model is watched until one is published ({@link #publishModel}) or a control
   * command activates one.
   *
   * @param workDir broker data, Streams state and fetched bundles live here
   * @param partitions partitions of the upload-path topics
   */
  public LocalStack(
      Path workDir,
      int partitions,
      ScreeningSettings settings,
      ScreeningListener listener,
      OpsHttpSettings httpSettings) {
    this.topics = Topics.defaults();
    this.broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0);
    // Schemas and bundles live in compacted topics of the same broker, as in a cluster deployment.
    this.schemaStore = new KafkaSchemaStore(clientProperties());
    this.registry = EmbeddedSchemaRegistry.start(0, schemaStore, CompatibilityLevel.BACKWARD);
    HttpSchemaRegistryClient registryClient =
        HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registry.uri()));
    this.serdes = ServiceSerdes.create(registryClient, AvroSerdeSettings.defaults());
    this.controlSerdes = ControlSerdes.create(registryClient, AvroSerdeSettings.defaults());
    serdes.registerAll(registryClient, topics);
    controlSerdes.registerAll(registryClient, topics);
    broker.createTopics(topics.specs(partitions));
    this.modelStore = new KafkaModelStore(clientProperties(), KafkaModelStoreSettings.defaults());
    this.metrics = ServiceMetrics.withJvmMetrics();
    this.follower = new ModelsFollower(clientProperties(), topics.models(), controlSerdes.models());
    this.hotSwap =
        new HotSwap(
            follower.versions(),
            clientProperties(),
            workDir.resolve("bundle-cache"),
            (version, cause) ->
                LOG.error(
                    "Cannot serve {}@{}: {}",
                    version.getModelId(),
                    version.getVersion(),
                    cause.toString()));
    follower.onChange(
        hotSwap.catalog(catalog, model -> metrics.modelActive(model.modelId(), model.version())));
    follower.start();
    this.service =
        new ScreeningService(
            clientProperties(),
            "flipad-screening",
            workDir.resolve("streams-state"),
            topics,
            serdes,
            catalog,
            settings,
            MetricsListeners.screening(metrics, listener));
    metrics.bindKafkaStreams(service.streams());
    metrics.countUploadsInFlight(service::uploadsInFlight);
    this.http =
        OpsHttpServer.start(
            httpSettings,
            metrics.registry(),
            Readiness.allOf(
                Readiness.kafkaStreamsRunning(service.streams()),
                Readiness.modelsLoaded(
                    hotSwap::activeModelIds, id -> catalog.find(id).isPresent())));
    this.publisher =
        new ModelPublisher(
            modelStore, follower.versions(), clientProperties(), topics, controlSerdes);
    this.workers = new LocalWorkers(clientProperties(), topics, serdes, metrics, follower, hotSwap);
    this.trainer =
        new LocalTrainer(
            clientProperties(),
            topics,
            controlSerdes,
            serdes,
            modelStore,
            workDir.resolve("trainer"));
    this.apiAndConsole = new ApiAndConsole(this);
    service.start();
    ScreeningWaits.awaitRunning(service, Duration.ofSeconds(60));
  }

  /**
   * Stores {@code bundle} and publishes it as the next version of its model, ACTIVE: how a
   * deployment is seeded before any control command. Returns once the screening service watches it.
   */
  public ModelVersion publishModel(Path bundle, double fnr) throws IOException {
    return publishModel(bundle, null, fnr);
  }

  /**
   * Like {@link #publishModel(Path, double)}, recording where the detector's generator bundle is
   * ({@code generatorBundleLocation}): the trainer then retrains the model without being told its
   * generator, and samples it as a negative when it retrains other models.
   *
   * @param generator the generator bundle folder the detector was built for, or null when unknown
   */
  public ModelVersion publishModel(Path bundle, Path generator, double fnr) throws IOException {
    ModelVersion record = publisher.publish(bundle, generator, fnr);
    ScreeningWaits.awaitWatched(catalog, record, Duration.ofSeconds(60));
    return record;
  }

  /** Starts a worker on its own thread, with its own detectors following the models topic. */
  public InversionWorker startWorker(WorkerSettings settings) {
    return workers.start(settings);
  }

  /** Starts the trainer, trusting the public keys in {@code trustedKeys} ({@code ID.pub} files). */
  public Trainer startTrainer(Path trustedKeys) throws IOException {
    return startTrainer(trustedKeys, RetrainSettings.defaults());
  }

  /**
   * Starts the trainer with the default RETRAIN settings but another quality-gate tolerance: how
   * far a retrained detector's share of refused negatives may fall below the active version's on
   * any source ({@link QualityGateSettings#tnrTolerance}; 1 lets any drop through, leaving the
   * miss-rate check).
   */
  public Trainer startTrainer(Path trustedKeys, double tnrTolerance) throws IOException {
    RetrainSettings defaults = RetrainSettings.defaults();
    return startTrainer(
        trustedKeys, defaults.withGate(defaults.gate().withTnrTolerance(tnrTolerance)));
  }

  /**
   * Starts the trainer with these RETRAIN settings (replacing a running trainer, which is stopped
   * first; the status ledger makes the new one skip what the old one did).
   */
  public Trainer startTrainer(Path trustedKeys, RetrainSettings retrainSettings)
      throws IOException {
    return trainer.start(trustedKeys, retrainSettings);
  }

  /** Stops the trainer, if one runs. */
  public void stopTrainer() {
    trainer.stop();
  }

  /**
   * Starts the lookup API over this stack's stores and models (closed with the stack).
   *
   * @param settings where it listens and which tokens it accepts
   */
  public ApiHttpServer startApi(ApiSettings settings) {
    return apiAndConsole.startApi(settings);
  }

  /**
   * Starts the review console on the lookup API's address (closed with the stack).
   *
   * @param settings who may log in
   * @throws IllegalStateException when the lookup API does not run yet
   */
  public ReviewConsole startConsole(ConsoleSettings settings) {
    return apiAndConsole.startConsole(settings);
  }

  /** The screening service. */
  public ScreeningService service() {
    return service;
  }

  /** Kafka client settings for this stack's broker. */
  public Map<String, Object> clientProperties() {
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
  }

  /** Topic names. */
  public Topics topics() {
    return topics;
  }

  /** Upload-path serdes. */
  public ServiceSerdes serdes() {
    return serdes;
  }

  /** Control-plane serdes. */
  public ControlSerdes controlSerdes() {
    return controlSerdes;
  }

  /** The watched models as the screening service sees them. */
  public ModelCatalog catalog() {
    return catalog;
  }

  /** The folded models topic. */
  public ModelsFollower follower() {
    return follower;
  }

  /** Metrics. */
  public ServiceMetrics metrics() {
    return metrics;
  }

  /** The broker. */
  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  /** The schema registry. */
  public EmbeddedSchemaRegistry registry() {
    return registry;
  }

  /** The ops HTTP server. */
  public OpsHttpServer http() {
    return http;
  }

  @Override
  public void close() {
    stopTrainer();
    workers.close();
    apiAndConsole.close();
    service.close();
    follower.close();
    http.close();
    metrics.close();
    modelStore.close();
    registry.close();
    schemaStore.close();
    broker.close();
  }
}
