package org.flipad.streams.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.flipad.streams.model.WatchedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detectors one worker thread serves, by model id and version, hot-swappable without a restart.
 * Changes are offered from any thread ({@link #offerLoad}, {@link #offerSettings}, {@link
 * #offerRemove}) and applied by the worker thread itself in {@link #refresh} between batches, so a
 * detector is never swapped or closed while it inverts. The newest two versions of each model are
 * kept: requests fanned out just before an activation still name the previous version and are
 * answered by it, not refused.
 *
 * <p>A bundle that fails to load leaves the versions already loaded serving; the failure is
 * reported to the {@link LoadFailureListener}.
 *
 * <p>During a swap the screening service may fan out to a new version before this worker has
 * fetched it. Such a version is announced with {@link #expect} as soon as its activation is seen,
 * and {@link #awaitArrivals} lets requests naming it wait for the load (up to a bound the caller
 * takes from their deadlines) instead of being answered MODEL_UNAVAILABLE.
 */
public final class WorkerModels implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerModels.class);
  private static final int KEPT_VERSIONS = 2;
  private static final long ARRIVAL_POLL_MILLIS = 10;

  /** Told when a bundle cannot be loaded (for metrics and status events). */
  public interface LoadFailureListener {
    /** {@code model} could not be loaded from {@code bundle}. */
    void loadFailed(WatchedModel model, Path bundle, Exception cause);
  }

  private sealed interface Change permits Load, Settings, Remove {}

  private record Load(WatchedModel model, Path bundle, String sha256) implements Change {}

  private record Settings(WatchedModel model) implements Change {}

  private record Remove(String modelId) implements Change {}

  private final Map<String, NavigableMap<Integer, LoadedModel>> loaded = new HashMap<>();
  private final ConcurrentLinkedQueue<Change> pending = new ConcurrentLinkedQueue<>();
  private final Set<String> servedIds = ConcurrentHashMap.newKeySet();
  private final Set<String> expected = ConcurrentHashMap.newKeySet();
  private final LoadFailureListener failures;

  /** An empty set reporting load failures to {@code failures}. */
  public WorkerModels(LoadFailureListener failures) {
    this.failures = failures;
  }

  /** A set serving {@code models} from the start (each owned and closed by it). */
  public static WorkerModels of(Collection<LoadedModel> models) {
    WorkerModels set =
        new WorkerModels(
            (model, bundle, cause) ->
                LOG.error("Cannot load {} from {}: {}", model.label(), bundle, cause.toString()));
    models.forEach(set::put);
    return set;
  }

  /** Load {@code model}'s bundle (verified against {@code sha256}) at the next refresh. */
  public void offerLoad(WatchedModel model, Path bundle, String sha256) {
    pending.add(new Load(model, bundle, sha256));
  }

  /**
   * {@code modelId@version} is being fetched for this worker (any thread); requests naming it may
   * wait for it. Cleared when its load is applied or {@link #abandon abandoned}.
   */
  public void expect(String modelId, int version) {
    expected.add(label(modelId, version));
  }

  /** {@code modelId@version} will not be loaded after all (its fetch failed); any thread. */
  public void abandon(String modelId, int version) {
    expected.remove(label(modelId, version));
  }

  /** Whether {@code modelId@version} is announced and not yet loaded or abandoned; any thread. */
  public boolean beingFetched(String modelId, int version) {
    return expected.contains(label(modelId, version));
  }

  /**
   * Whether a request for {@code modelId@version} should wait rather than be refused: that version
   * is not loaded, but it is being fetched, or it is newer than every loaded version of a model
   * this worker serves (this worker may not have read the activation yet). Worker thread only.
   */
  public boolean arriving(String modelId, int version) {
    if (find(modelId, version) != null) {
      return false;
    }
    if (beingFetched(modelId, version)) {
      return true;
    }
    LoadedModel latest = latest(modelId);
    return latest != null && version > latest.model().version();
  }

  /**
   * Applies changes until no version in {@code wanted} ({@code modelId@version} pairs) is still
   * {@link #arriving}, or until {@code untilMillis} on {@code clock}. Worker thread only.
   *
   * @return whether every wanted version is loaded or no longer expected
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public boolean awaitArrivals(
      Collection<Map.Entry<String, Integer>> wanted, long untilMillis, InstantSource clock)
      throws InterruptedException {
    while (true) {
      refresh();
      boolean waiting = wanted.stream().anyMatch(w -> arriving(w.getKey(), w.getValue()));
      if (!waiting) {
        return true;
      }
      long left = untilMillis - clock.millis();
      if (left <= 0) {
        return false;
      }
      Thread.sleep(Math.min(ARRIVAL_POLL_MILLIS, left));
    }
  }

  private static String label(String modelId, int version) {
    return modelId + "@" + version;
  }

  /** New decision settings (FNR, threshold override) for a loaded version, at the next refresh. */
  public void offerSettings(WatchedModel model) {
    pending.add(new Settings(model));
  }

  /** Stop serving every version of {@code modelId} at the next refresh. */
  public void offerRemove(String modelId) {
    pending.add(new Remove(modelId));
  }

  /** Applies the offered changes; call on the worker thread between batches. */
  public void refresh() {
    Change change;
    while ((change = pending.poll()) != null) {
      if (change instanceof Load load) {
        load(load);
      } else if (change instanceof Settings settings) {
        LoadedModel current = find(settings.model().modelId(), settings.model().version());
        if (current != null) {
          put(new LoadedModel(settings.model(), current.detector()));
        }
      } else if (change instanceof Remove remove) {
        NavigableMap<Integer, LoadedModel> versions = loaded.remove(remove.modelId());
        servedIds.remove(remove.modelId());
        if (versions != null) {
          versions.values().forEach(m -> m.detector().close());
        }
      }
    }
  }

  private void load(Load load) {
    LoadedModel current = find(load.model().modelId(), load.model().version());
    // A version is loaded once; a bundle replaced under the same version number is loaded again
    // so the worker serves what flipad.models names now, not what it named first.
    if (current != null
        && java.util.Objects.equals(current.model().bundleSha256(), load.sha256())) {
      expected.remove(label(load.model().modelId(), load.model().version()));
      return;
    }
    try {
      put(
          DetectorLoader.load(
              load.bundle(),
              load.sha256(),
              load.model().version(),
              load.model().fnr(),
              load.model().thresholdOverride()));
      LOG.info("Serving {} from {}", load.model().label(), load.bundle());
    } catch (IOException | RuntimeException e) {
      failures.loadFailed(load.model(), load.bundle(), e);
    } finally {
      expected.remove(label(load.model().modelId(), load.model().version()));
    }
  }

  private void put(LoadedModel model) {
    NavigableMap<Integer, LoadedModel> versions =
        loaded.computeIfAbsent(model.model().modelId(), id -> new TreeMap<>());
    LoadedModel replaced = versions.put(model.model().version(), model);
    if (replaced != null && replaced.detector() != model.detector()) {
      replaced.detector().close();
    }
    while (versions.size() > KEPT_VERSIONS) {
      versions.pollFirstEntry().getValue().detector().close();
    }
    servedIds.add(model.model().modelId());
  }

  /** The loaded {@code modelId} at {@code version}, or null. Worker thread only. */
  public LoadedModel find(String modelId, int version) {
    NavigableMap<Integer, LoadedModel> versions = loaded.get(modelId);
    return versions == null ? null : versions.get(version);
  }

  /** The newest loaded version of {@code modelId}, or null. Worker thread only. */
  public LoadedModel latest(String modelId) {
    NavigableMap<Integer, LoadedModel> versions = loaded.get(modelId);
    return versions == null || versions.isEmpty() ? null : versions.lastEntry().getValue();
  }

  /** Whether some version of {@code modelId} is loaded (any thread; for readiness). */
  public boolean serves(String modelId) {
    return servedIds.contains(modelId);
  }

  /** Every loaded model, newest versions last (worker thread only). */
  public List<LoadedModel> all() {
    List<LoadedModel> all = new ArrayList<>();
    loaded.values().forEach(v -> all.addAll(v.values()));
    return all;
  }

  /** Closes every detector. */
  @Override
  public void close() {
    loaded.values().forEach(v -> v.values().forEach(m -> m.detector().close()));
    loaded.clear();
    servedIds.clear();
  }
}
