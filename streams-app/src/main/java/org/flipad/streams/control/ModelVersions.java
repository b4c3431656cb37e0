package org.flipad.streams.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.flipad.schema.ModelState;
import org.flipad.schema.ModelVersion;

/**
 * What the {@code flipad.models} topic says, folded: every version of every model, the latest
 * record per {@code (model id, version)} winning. Pure state, no Kafka; thread-safe.
 */
public final class ModelVersions {

  private final Map<String, TreeMap<Integer, ModelVersion>> byModel = new HashMap<>();
  private final Map<String, Long> arrival = new HashMap<>();
  private long sequence;

  /** Folds in one record (a newer record of the same version replaces the older). */
  public synchronized void apply(ModelVersion record) {
    byModel
        .computeIfAbsent(record.getModelId(), id -> new TreeMap<>())
        .put(record.getVersion(), record);
    arrival.put(record.getModelId() + "/" + record.getVersion(), ++sequence);
  }

  /**
   * The ACTIVE version of {@code modelId}; when several claim it, the one whose record came last.
   * Writers publish the new ACTIVE record before retiring the old one, so a reader never sees a
   * moment without an active version (uploads would fan out to nothing).
   */
  public synchronized Optional<ModelVersion> active(String modelId) {
    return versions(modelId).stream()
        .filter(v -> v.getState() == ModelState.ACTIVE)
        .max(
            Comparator.comparing(
                v -> arrival.getOrDefault(v.getModelId() + "/" + v.getVersion(), 0L)));
  }

  /** One version. */
  public synchronized Optional<ModelVersion> version(String modelId, int version) {
    TreeMap<Integer, ModelVersion> versions = byModel.get(modelId);
    return Optional.ofNullable(versions == null ? null : versions.get(version));
  }

  /** Every version of {@code modelId}, by version. */
  public synchronized List<ModelVersion> versions(String modelId) {
    TreeMap<Integer, ModelVersion> versions = byModel.get(modelId);
    return versions == null ? List.of() : new ArrayList<>(versions.values());
  }

  /** The highest version number of {@code modelId}, 0 when none. */
  public synchronized int latestVersion(String modelId) {
    TreeMap<Integer, ModelVersion> versions = byModel.get(modelId);
    return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
  }

  /** Every model id known. */
  public synchronized List<String> modelIds() {
    return byModel.keySet().stream().sorted().toList();
  }
}
