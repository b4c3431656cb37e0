package org.flipad.streams.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The watched models the service currently screens for, by id. Read by the stream threads for every
 * upload and replaced whole per model when a version changes, so readers always see one consistent
 * {@link WatchedModel} per id. Thread-safe.
 */
public final class ModelCatalog {

  private final ConcurrentMap<String, WatchedModel> active = new ConcurrentHashMap<>();

  /** A catalog watching {@code models}. */
  public static ModelCatalog of(Collection<WatchedModel> models) {
    ModelCatalog catalog = new ModelCatalog();
    models.forEach(catalog::activate);
    return catalog;
  }

  /** Makes {@code model} the version serving its id, replacing any other. */
  public void activate(WatchedModel model) {
    active.put(model.modelId(), model);
  }

  /** Stops watching {@code modelId}; uploads no longer get a request for it. */
  public void deactivate(String modelId) {
    active.remove(modelId);
  }

  /** The model watched under {@code modelId}, if any. */
  public Optional<WatchedModel> find(String modelId) {
    return Optional.ofNullable(active.get(modelId));
  }

  /** Every watched model, sorted by id so fan-out and verdicts list models in a stable order. */
  public List<WatchedModel> all() {
    return active.values().stream()
        .sorted(java.util.Comparator.comparing(WatchedModel::modelId))
        .toList();
  }

  /** A snapshot keyed by id. */
  public Map<String, WatchedModel> snapshot() {
    return Map.copyOf(active);
  }
}
