package org.flipad.streams.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.flipad.core.attribution.Detector;
import org.flipad.core.attribution.DetectorBundles;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.schema.ModelVersion;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.model.ModelStore;
import org.flipad.streams.model.WatchedModel;
import org.flipad.streams.worker.WorkerModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code flipad.models} to what a process serves, without a restart: the screening
 * service's {@link ModelCatalog} (which model versions uploads fan out to, at which threshold) and
 * each worker's {@link WorkerModels} (which detectors are loaded). A model with no ACTIVE version
 * (DISABLED) is dropped from both. Bundles are fetched from the model store and verified by sha256;
 * a bundle that cannot be fetched or loaded leaves the previous version serving and is reported to
 * the failure hook.
 */
public final class HotSwap {

  private static final Logger LOG = LoggerFactory.getLogger(HotSwap.class);

  /** Told when a version cannot be served. */
  public interface Failure {
    /** {@code version} could not be fetched or loaded. */
    void failed(ModelVersion version, Exception cause);
  }

  private final ModelVersions versions;
  private final Map<String, ?> kafkaClient;
  private final Path cacheDir;
  private final Failure failure;
  private final Map<String, ModelInputFormat> formats = new ConcurrentHashMap<>();

  /**
   * @param versions the folded models topic (a {@link ModelsFollower}'s)
   * @param kafkaClient client settings for Kafka-backed model stores
   * @param cacheDir where fetched bundles are kept (verified copies)
   */
  public HotSwap(
      ModelVersions versions, Map<String, ?> kafkaClient, Path cacheDir, Failure failure) {
    this.versions = versions;
    this.kafkaClient = kafkaClient;
    this.cacheDir = cacheDir;
    this.failure = failure;
  }

  /** A listener keeping {@code catalog} equal to the active versions. */
  public Consumer<ModelVersion> catalog(ModelCatalog catalog, Consumer<WatchedModel> onActive) {
    return changed -> {
      String modelId = changed.getModelId();
      Optional<ModelVersion> active = versions.active(modelId);
      if (active.isEmpty()) {
        catalog.deactivate(modelId);
        LOG.info("Model {} is no longer watched (no ACTIVE version)", modelId);
        return;
      }
      try {
        WatchedModel model = watched(active.get());
        catalog.activate(model);
        onActive.accept(model);
      } catch (IOException | RuntimeException e) {
        failure.failed(active.get(), e);
      }
    };
  }

  /** A listener keeping {@code worker}'s detectors equal to the active versions. */
  public Consumer<ModelVersion> worker(WorkerModels worker) {
    return changed -> {
      String modelId = changed.getModelId();
      Optional<ModelVersion> active = versions.active(modelId);
      if (active.isEmpty()) {
        worker.offerRemove(modelId);
        return;
      }
      ModelVersion v = active.get();
      // Requests for this version may already be on their way: let them wait for the load.
      worker.expect(modelId, v.getVersion());
      try {
        WatchedModel model = watched(v);
        worker.offerLoad(model, bundle(v), v.getBundleSha256());
        worker.offerSettings(model);
      } catch (IOException | RuntimeException e) {
        worker.abandon(modelId, v.getVersion());
        failure.failed(v, e);
      }
    };
  }

  private WatchedModel watched(ModelVersion v) throws IOException {
    ModelInputFormat input = formats.get(v.getBundleSha256());
    if (input == null) {
      try (Detector detector = DetectorBundles.read(bundle(v), v.getBundleSha256())) {
        input = detector.inputFormat();
      }
      formats.put(v.getBundleSha256(), input);
    }
    return new WatchedModel(
        v.getModelId(),
        v.getVersion(),
        input,
        v.getSelectedFnr(),
        v.getScoreThresholdOverride(),
        v.getBundleSha256());
  }

  private Path bundle(ModelVersion v) throws IOException {
    try (ModelStore store = ModelStore.forLocation(v.getBundleLocation(), kafkaClient)) {
      return store.fetch(v.getBundleSha256(), cacheDir);
    }
  }

  /** The model ids with an ACTIVE version. */
  public List<String> activeModelIds() {
    return versions.modelIds().stream().filter(id -> versions.active(id).isPresent()).toList();
  }
}
