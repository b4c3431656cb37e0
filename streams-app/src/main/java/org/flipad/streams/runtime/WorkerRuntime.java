package org.flipad.streams.runtime;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.flipad.core.compute.TorchEngine;
import org.flipad.streams.control.HotSwap;
import org.flipad.streams.control.ModelsFollower;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.worker.InversionWorker;
import org.flipad.streams.worker.LoadedModel;
import org.flipad.streams.worker.WorkerModels;
import org.flipad.streams.worker.WorkerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process of {@code flipad worker}: {@code flipad.worker.threads} inversion workers against an
 * external cluster and schema registry, each on its own thread with its own copy of every detector
 * (detectors are not thread-safe), plus metrics and the ops HTTP server. The HTTP server starts
 * before the models load, so {@code /live} answers during a slow load while {@code /ready} says
 * which models are still loading.
 *
 * <p>Runs until {@link #close()} (the shutdown hook) or until a worker thread stops on its own
 * (fenced, or failed), which {@link #awaitTermination()} reports.
 */
public final class WorkerRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);

  private final ServiceConfig config;
  private final ServiceMetrics metrics;
  private final OpsHttpServer http;
  private final Set<String> loaded = ConcurrentHashMap.newKeySet();
  private final List<LoadedModel> detectors = new ArrayList<>();
  private final List<InversionWorker> workers = new ArrayList<>();
  private final CompletableFuture<Optional<String>> terminated = new CompletableFuture<>();
  private volatile boolean closing;
  private final List<WorkerModels> workerModelSets = new ArrayList<>();
  private ModelsFollower follower;
  private HotSwap hotSwap;
  private boolean followerStarted;

  private WorkerRuntime(ServiceConfig config, List<String> modelIds) {
    this.config = config;
    this.metrics = ServiceMetrics.withJvmMetrics();
    Readiness stillRunning =
        () ->
            terminated.isDone() && !closing
                ? List.of("a worker thread stopped: " + terminated.join().orElse("closed"))
                : List.of();
    try {
      this.http =
          OpsHttpServer.start(
              config.opsHttpSettings(),
              metrics.registry(),
              Readiness.allOf(
                  Readiness.modelsLoaded(() -> modelIds, loaded::contains), stillRunning));
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
  }

  /**
   * Starts the ops HTTP server, loads every model once per thread, then starts the workers. Returns
   * once the workers run.
   *
   * @throws ConfigException when a setting is missing or wrong (registry URL, bootstrap servers,
   *     models)
   * @throws IOException when a detector bundle cannot be read or its digest differs
   */
  public static WorkerRuntime start(ServiceConfig config) throws IOException {
    Map<String, Object> kafka = config.kafkaClientProperties();
    URI registryUrl = config.registryUrl();
    List<ModelSource> sources = config.models();
    if (sources.isEmpty()) {
      throw new ConfigException(
          "flipad.models is empty; a worker needs the detector of at least one watched model. Set"
              + " e.g. flipad.models=dcgan-seed1=models/detectors/dcgan-seed1.flipad-detector");
    }
    HttpSchemaRegistryClient registryClient =
        HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registryUrl));
    ServiceSerdes serdes = ServiceSerdes.create(registryClient, config.avroSerdeSettings());
    WorkerRuntime runtime =
        new WorkerRuntime(config, sources.stream().map(ModelSource::modelId).toList());
    try {
      runtime.sizeComputeEngine();
      List<Map<String, LoadedModel>> perThread = runtime.loadModels(sources);
      runtime.followModels(kafka, ControlSerdes.create(registryClient, config.avroSerdeSettings()));
      for (int t = 0; t < perThread.size(); t++) {
        runtime.startWorker(
            kafka, serdes, config.workerSettings(t, perThread.size()), perThread.get(t));
      }
      return runtime;
    } catch (IOException | RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /**
   * Sizes PyTorch's one pool for the whole process (all worker threads and detectors share it) and
   * says where the tensor work runs, in the log and in {@code flipad_worker_compute}.
   */
  private void sizeComputeEngine() {
    config.workerTorchThreads().ifPresent(TorchEngine::useIntraOpThreads);
    TorchEngine.Snapshot engine = TorchEngine.snapshot();
    metrics.workerCompute(engine.defaultDevice(), engine.gpuCount(), engine.intraOpThreads());
    LOG.info("Compute: {}", engine.describe());
  }

  private List<Map<String, LoadedModel>> loadModels(List<ModelSource> sources) throws IOException {
    int threads = config.workerThreads();
    List<Map<String, LoadedModel>> perThread = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      perThread.add(new HashMap<>());
    }
    for (ModelSource source : sources) {
      for (Map<String, LoadedModel> models : perThread) {
        LoadedModel model = source.load(config.modelFnr());
        synchronized (detectors) {
          detectors.add(model);
        }
        models.put(source.modelId(), model);
      }
      LoadedModel any = perThread.get(0).get(source.modelId());
      metrics.modelActive(any.model().modelId(), any.model().version());
      loaded.add(source.modelId());
      LOG.info("Loaded {} from {} ({} copies)", any.model().label(), source.bundle(), threads);
    }
    return perThread;
  }

  /** Follows flipad.models so activations, thresholds and disables reach every worker thread. */
  private void followModels(Map<String, Object> kafka, ControlSerdes control) {
    follower = new ModelsFollower(kafka, config.topics().models(), control.models());
    hotSwap =
        new HotSwap(
            follower.versions(),
            kafka,
            config.stateDir().resolve("bundle-cache"),
            (version, cause) -> {
              metrics.workerInversion(version.getModelId(), "LOAD_FAILED");
              LOG.error(
                  "Cannot load {}@{}; the previous version keeps serving: {}",
                  version.getModelId(),
                  version.getVersion(),
                  cause.toString());
            });
  }

  private void startWorker(
      Map<String, Object> kafka,
      ServiceSerdes serdes,
      WorkerSettings settings,
      Map<String, LoadedModel> models) {
    WorkerModels workerModels = WorkerModels.of(models.values());
    synchronized (workerModelSets) {
      workerModelSets.add(workerModels);
    }
    follower.onChange(hotSwap.worker(workerModels));
    if (!followerStarted) {
      follower.start();
      followerStarted = true;
    }
    InversionWorker worker =
        new InversionWorker(
            kafka,
            config.topics(),
            serdes,
            settings,
            workerModels,
            MetricsListeners.worker(metrics));
    Thread thread =
        new Thread(
            () -> {
              try {
                worker.run();
              } catch (RuntimeException e) {
                LOG.error("Worker {} failed", settings.workerId(), e);
              } finally {
                if (!closing) {
                  terminated.complete(
                      Optional.of("worker " + settings.workerId() + " stopped; see the log above"));
                }
              }
            },
            "inversion-worker-" + settings.workerId());
    synchronized (workers) {
      workers.add(worker);
    }
    thread.start();
  }

  /** The ops HTTP server (its port when {@code flipad.http.port} is 0). */
  public OpsHttpServer http() {
    return http;
  }

  /** The workers' meters. */
  public ServiceMetrics metrics() {
    return metrics;
  }

  /**
   * Blocks until the runtime is closed (empty) or a worker stopped on its own (why).
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
   * Stops every worker after its batch in progress commits, then frees the detectors and stops the
   * HTTP server and metrics; idempotent.
   */
  @Override
  public synchronized void close() {
    if (closing) {
      return;
    }
    closing = true;
    List<AutoCloseable> resources = new ArrayList<>();
    synchronized (workers) {
      resources.addAll(workers);
    }
    if (follower != null) {
      resources.add(follower);
    }
    // Each thread's detector set owns its detectors, the hot-swapped ones included.
    synchronized (workerModelSets) {
      resources.addAll(workerModelSets);
    }
    if (workerModelSets.isEmpty()) {
      synchronized (detectors) {
        detectors.forEach(model -> resources.add(model.detector()));
      }
    }
    resources.add(http);
    resources.add(metrics);
    ServeRuntime.closeAll(resources, null);
    terminated.complete(Optional.empty());
  }
}
