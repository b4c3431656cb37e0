package org.flipad.streams.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.flipad.schema.ControlCommand;
import org.flipad.schema.ModelState;
import org.flipad.schema.ModelVersion;

/**
 * The state changes of the model registry as pure functions: given what {@code flipad.models} says
 * and an authenticated command, the records to write. One version per model is ACTIVE; the one it
 * replaces becomes RETIRED and is remembered as {@code previousVersion}, the target of ROLLBACK.
 * DISABLE marks the active version DISABLED (so ENABLE knows what to restore).
 */
public final class ModelLifecycle {

  private ModelLifecycle() {}

  /**
   * The records that make {@code version} the ACTIVE one.
   *
   * @throws CommandFailure when the version does not exist
   */
  public static List<ModelVersion> activate(
      ModelVersions registry, ControlCommand command, int version, Instant now)
      throws CommandFailure {
    String modelId = command.getModelId();
    ModelVersion target =
        registry
            .version(modelId, version)
            .orElseThrow(
                () ->
                    new CommandFailure(
                        "Model "
                            + modelId
                            + " has no version "
                            + version
                            + "; it has "
                            + registry.versions(modelId).stream()
                                .map(v -> v.getVersion() + " " + v.getState())
                                .toList()
                            + ". Name an existing version."));
    Optional<ModelVersion> active = registry.active(modelId);
    List<ModelVersion> writes = new ArrayList<>();
    if (active.isPresent() && active.get().getVersion() == version) {
      return writes; // already active: nothing to change, the command still succeeds
    }
    // The new ACTIVE record first: readers never see a moment without an active version.
    ModelVersion activated = changed(target, ModelState.ACTIVE, command, now);
    activated.setPreviousVersion(active.map(ModelVersion::getVersion).orElse(null));
    writes.add(activated);
    active.ifPresent(a -> writes.add(changed(a, ModelState.RETIRED, command, now)));
    return writes;
  }

  /** The records of a ROLLBACK: to the command's version, or to the active one's previous. */
  public static List<ModelVersion> rollback(
      ModelVersions registry, ControlCommand command, Instant now) throws CommandFailure {
    String modelId = command.getModelId();
    Integer target = command.getVersion();
    if (target == null) {
      ModelVersion active =
          registry
              .active(modelId)
              .orElseThrow(
                  () ->
                      new CommandFailure(
                          "Model "
                              + modelId
                              + " has no ACTIVE version to roll back from; name the version to"
                              + " activate instead."));
      if (active.getPreviousVersion() == null) {
        throw new CommandFailure(
            "Model "
                + modelId
                + " version "
                + active.getVersion()
                + " has no previous version; name the version to roll back to.");
      }
      target = active.getPreviousVersion();
    }
    return activate(registry, command, target, now);
  }

  /** The record that stops serving the model: its ACTIVE version becomes DISABLED. */
  public static List<ModelVersion> disable(
      ModelVersions registry, ControlCommand command, Instant now) throws CommandFailure {
    ModelVersion active = requireActive(registry, command.getModelId(), "disable");
    return List.of(changed(active, ModelState.DISABLED, command, now));
  }

  /** The record that serves the most recently disabled version again. */
  public static List<ModelVersion> enable(
      ModelVersions registry, ControlCommand command, Instant now) throws CommandFailure {
    String modelId = command.getModelId();
    if (registry.active(modelId).isPresent()) {
      return List.of();
    }
    ModelVersion disabled =
        registry.versions(modelId).stream()
            .filter(v -> v.getState() == ModelState.DISABLED)
            .max(Comparator.comparing(ModelVersion::getUpdatedAt))
            .orElseThrow(
                () ->
                    new CommandFailure(
                        "Model "
                            + modelId
                            + " has no DISABLED version to enable; use ACTIVATE with a version."));
    return List.of(changed(disabled, ModelState.ACTIVE, command, now));
  }

  /** The record of the active version with a new FNR level and/or an explicit score threshold. */
  public static List<ModelVersion> setThreshold(
      ModelVersions registry, ControlCommand command, Instant now) throws CommandFailure {
    ModelVersion active = requireActive(registry, command.getModelId(), "set the threshold of");
    ModelVersion updated = changed(active, ModelState.ACTIVE, command, now);
    if (command.getFnr() != null) {
      boolean calibrated =
          active.getThresholds().stream().anyMatch(t -> t.getFnr() == command.getFnr());
      if (!calibrated && command.getScoreThreshold() == null) {
        throw new CommandFailure(
            "FNR "
                + command.getFnr()
                + " is not a calibrated level of "
                + active.getModelId()
                + "@"
                + active.getVersion()
                + "; choose one of "
                + active.getThresholds().stream().map(t -> t.getFnr()).toList()
                + " or give scoreThreshold.");
      }
      updated.setSelectedFnr(command.getFnr());
    }
    updated.setScoreThresholdOverride(command.getScoreThreshold());
    return List.of(updated);
  }

  private static ModelVersion requireActive(ModelVersions registry, String modelId, String verb)
      throws CommandFailure {
    return registry
        .active(modelId)
        .orElseThrow(
            () ->
                new CommandFailure(
                    "Model "
                        + modelId
                        + " has no ACTIVE version to "
                        + verb
                        + "; its versions are "
                        + registry.versions(modelId).stream()
                            .map(v -> v.getVersion() + " " + v.getState())
                            .toList()
                        + "."));
  }

  private static ModelVersion changed(
      ModelVersion from, ModelState state, ControlCommand command, Instant now) {
    ModelVersion copy = ModelVersion.newBuilder(from).build();
    copy.setState(state);
    copy.setUpdatedAt(now);
    copy.setUpdatedByCommandId(command.getCommandId());
    return copy;
  }
}
