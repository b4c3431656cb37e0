package org.flipad.streams.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.registry.CompatibilityLevel;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.registry.KafkaSchemaStore;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.ScreeningListener;
import org.flipad.streams.topology.ScreeningSettings;
import org.flipad.streams.worker.InversionWorker;
import org.flipad.streams.worker.LoadedModel;
import org.flipad.streams.worker.WorkerModels;
import org.flipad.streams.worker.WorkerSettings;

/**
 * Everything of a deployment in one JVM, for the demo, the benchmark and the integration tests: an
 * embedded KRaft broker, the embedded schema registry, the topics and schemas, the screening
 * service and inversion workers, metrics and the HTTP probes. Closes in reverse order.
 */
public final class LocalStack implements AutoCloseable {

  private final EmbeddedKafkaBroker broker;
  private final KafkaSchemaStore schemaStore;
  private final EmbeddedSchemaRegistry registry;
  private final HttpSchemaRegistryClient registryClient;
  private final ServiceSerdes serdes;
  private final Topics topics;
  private final ServiceMetrics metrics;
  private final ScreeningService service;
  private final OpsHttpServer http;
  private final Function<String, LoadedModel> models;
  private final List<Running> workers = new ArrayList<>();

  private record Running(InversionWorker worker, Thread thread) {}

  /**
   * Starts the broker, registry and screening service, and waits until the service is RUNNING.
   *
   * @param workDir broker data and Streams state live here
   * @param partitions partitions of the upload-path topics
   * @param catalog the watched models
   * @param models the loaded detector for a model id, for the readiness probe
   */
  public LocalStack(
      Path workDir,
      int partitions,
      ModelCatalog catalog,
      Function<String, LoadedModel> models,
      ScreeningSettings settings,
      ScreeningListener listener,
      OpsHttpSettings httpSettings) {
    this.topics = Topics.defaults();
    this.models = models;
    this.broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0);
    // Schemas live in a compacted topic of the same broker, as in a cluster deployment.
    this.schemaStore = new KafkaSchemaStore(clientProperties());
    this.registry = EmbeddedSchemaRegistry.start(0, schemaStore, CompatibilityLevel.BACKWARD);
    this.registryClient =
        HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registry.uri()));
    this.serdes = ServiceSerdes.create(registryClient, AvroSerdeSettings.defaults());
    serdes.registerAll(registryClient, topics);
    broker.createTopics(topics.specs(partitions));
    this.metrics = ServiceMetrics.withJvmMetrics();
    catalog.all().forEach(m -> metrics.modelActive(m.modelId(), m.version()));
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
    this.http =
        OpsHttpServer.start(
            httpSettings,
            metrics.registry(),
            Readiness.allOf(
                Readiness.kafkaStreamsRunning(service.streams()),
                Readiness.modelsLoaded(
                    () -> catalog.all().stream().map(m -> m.modelId()).toList(),
                    id -> models.apply(id) != null)));
    service.start();
    awaitRunning(Duration.ofSeconds(60));
  }

  private void awaitRunning(Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (!service.running()) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException(
            "The screening service did not reach RUNNING within "
                + timeout.toSeconds()
                + " s (state "
                + service.streams().state()
                + ")");
      }
      try {
        Thread.sleep(20); // the Streams client offers no blocking wait for a state
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while starting the screening service", e);
      }
    }
  }

  /**
   * Starts a worker on its own thread.
   *
   * @param workerModels this worker's own detectors (a detector serves one thread at a time)
   */
  public InversionWorker startWorker(WorkerSettings settings, WorkerModels workerModels) {
    InversionWorker worker =
        new InversionWorker(
            clientProperties(),
            topics,
            serdes,
            settings,
            workerModels,
            MetricsListeners.worker(metrics));
    Thread thread = new Thread(worker, "inversion-worker-" + settings.workerId());
    thread.setDaemon(true);
    thread.start();
    workers.add(new Running(worker, thread));
    return worker;
  }

  /** Kafka client settings for this stack's broker. */
  public Map<String, Object> clientProperties() {
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
  }

  public Topics topics() {
    return topics;
  }

  public ServiceSerdes serdes() {
    return serdes;
  }

  public ServiceMetrics metrics() {
    return metrics;
  }

  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  public EmbeddedSchemaRegistry registry() {
    return registry;
  }

  public OpsHttpServer http() {
    return http;
  }

  @Override
  public void close() {
    for (Running running : workers) {
      running.worker().close();
    }
    service.close();
    http.close();
    metrics.close();
    registry.close();
    schemaStore.close();
    broker.close();
  }
}
