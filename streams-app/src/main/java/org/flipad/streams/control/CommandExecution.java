package org.flipad.streams.control;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flipad.core.attribution.Detector;
import org.flipad.core.attribution.DetectorBundles;
import org.flipad.schema.ControlCommand;
import org.flipad.schema.ModelState;
import org.flipad.schema.ModelVersion;
import org.flipad.schema.TrainingState;
import org.flipad.streams.model.ModelStore;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the commands the trainer accepted and records their outcome: lifecycle changes at
 * once on the caller's thread, RETRAIN and REGISTER as jobs (the trainer runs them on its job
 * thread). New versions are numbered and published under one lock, so a lifecycle change and a job
 * finishing at the same moment cannot take the same version number.
 */
final class CommandExecution {

  private static final Logger LOG = LoggerFactory.getLogger(CommandExecution.class);

  private final Map<String, Object> client;
  private final RetrainFeedback feedback;
  private final ModelStore store;
  private final Path workDir;
  private final RetrainSettings retrainSettings;
  private final InstantSource clock;
  private final ModelsFollower models;
  private final TrainerOutputs out;
  private final Object registryLock = new Object();

  CommandExecution(
      Map<String, Object> client,
      Topics topics,
      ControlSerdes serdes,
      ServiceSerdes serviceSerdes,
      ModelStore store,
      Path workDir,
      RetrainSettings retrainSettings,
      InstantSource clock,
      ModelsFollower models,
      TrainerOutputs out) {
    this.client = client;
    this.feedback = new RetrainFeedback(client, topics, serdes, serviceSerdes);
    this.store = store;
    this.workDir = workDir;
    this.retrainSettings = retrainSettings;
    this.clock = clock;
    this.models = models;
    this.out = out;
  }

  /** ACTIVATE, ROLLBACK, SET_THRESHOLD, DISABLE or ENABLE, at once (pure registry changes). */
  void lifecycle(ControlCommand command) {
    Instant now = clock.instant();
    try {
      List<ModelVersion> writes;
      synchronized (registryLock) {
        ModelVersions registry = models.versions();
        writes =
            switch (command.getType()) {
              case ACTIVATE ->
                  ModelLifecycle.activate(registry, command, command.getVersion(), now);
              case ROLLBACK -> ModelLifecycle.rollback(registry, command, now);
              case DISABLE -> ModelLifecycle.disable(registry, command, now);
              case ENABLE -> ModelLifecycle.enable(registry, command, now);
              case SET_THRESHOLD -> ModelLifecycle.setThreshold(registry, command, now);
              default ->
                  throw new CommandFailure(
                      "Command type " + command.getType() + " is not executed here.");
            };
        publish(writes);
      }
      Integer version =
          writes.stream()
              .filter(w -> w.getState() == ModelState.ACTIVE)
              .map(ModelVersion::getVersion)
              .findFirst()
              .orElse(writes.isEmpty() ? null : writes.get(0).getVersion());
      out.status(
          command.getCommandId(),
          command.getModelId(),
          TrainingState.SUCCEEDED,
          100.0,
          null,
          version);
    } catch (CommandFailure e) {
      out.status(
          command.getCommandId(),
          command.getModelId(),
          TrainingState.FAILED,
          null,
          e.getMessage(),
          null);
    }
  }

  /** RETRAIN: builds, gates and publishes a new version, which replaces the active one. */
  void retrain(ControlCommand command) {
    String id = command.getCommandId();
    Map<String, Double> feedbackCounts = new java.util.concurrent.ConcurrentHashMap<>();
    try {
      RetrainJob.Outcome outcome =
          new RetrainJob(retrainSettings, workDir, clock, this::publishedDetector)
              .run(
                  command,
                  models.versions(),
                  new StatusProgress(out, id, command.getModelId()),
                  format -> feedback.negatives(command, format, feedbackCounts));
      try (Detector detector = outcome.detector()) {
        String sha = store.put(outcome.bundle());
        double fnr = command.getFnr() == null ? Detector.HEADLINE_FNR : command.getFnr();
        int version;
        synchronized (registryLock) {
          ModelVersions registry = models.versions();
          version = registry.latestVersion(command.getModelId()) + 1;
          Instant now = clock.instant();
          ModelVersion created =
              TrainerRecords.withGeneratorLocation(
                  TrainerRecords.of(
                      detector,
                      command.getModelId(),
                      version,
                      ModelState.CANDIDATE,
                      sha,
                      store.location(sha),
                      fnr,
                      id,
                      null,
                      outcome.figures(),
                      now),
                  outcome.generatorLocation());
          registry.apply(created);
          publish(List.of(created));
          // A RETRAIN that passes the gate replaces the active version (ROLLBACK undoes it).
          publish(ModelLifecycle.activate(registry, command, version, now));
        }
        Map<String, Double> metrics = new HashMap<>(feedbackCounts);
        metrics.putAll(outcome.figures());
        metrics.put("auroc", detector.description().validation().auroc());
        out.status(
            id, command.getModelId(), TrainingState.SUCCEEDED, 100.0, null, version, null, metrics);
      }
    } catch (CommandFailure e) {
      Map<String, Double> metrics = new HashMap<>(feedbackCounts);
      metrics.putAll(e.metrics());
      LOG.warn("RETRAIN {} of {} failed: {}", id, command.getModelId(), e.getMessage());
      out.status(
          id,
          command.getModelId(),
          TrainingState.FAILED,
          null,
          e.getMessage(),
          null,
          null,
          metrics);
    } catch (IOException | RuntimeException e) {
      LOG.error("RETRAIN {} failed", id, e);
      out.status(
          id, command.getModelId(), TrainingState.FAILED, null, "The job failed: " + e, null);
    }
  }

  /** REGISTER: verifies a detector bundle and publishes it as a new CANDIDATE version. */
  void register(ControlCommand command) {
    String id = command.getCommandId();
    try {
      if (command.getBundleUri() == null) {
        throw new CommandFailure(
            "REGISTER names no bundleUri; give the detector bundle's location.");
      }
      Path bundle = RetrainJob.path(command.getBundleUri());
      try (Detector detector = DetectorBundles.read(bundle, command.getBundleSha256())) {
        if (!detector.description().modelId().equals(command.getModelId())) {
          throw new CommandFailure(
              "The bundle at "
                  + command.getBundleUri()
                  + " is a detector for "
                  + detector.description().modelId()
                  + ", not "
                  + command.getModelId()
                  + ".");
        }
        requireGenerator(command, detector);
        String sha = store.put(bundle);
        int version;
        synchronized (registryLock) {
          ModelVersions registry = models.versions();
          version = registry.latestVersion(command.getModelId()) + 1;
          ModelVersion created =
              TrainerRecords.withGeneratorLocation(
                  TrainerRecords.of(
                      detector,
                      command.getModelId(),
                      version,
                      ModelState.CANDIDATE,
                      sha,
                      store.location(sha),
                      Detector.HEADLINE_FNR,
                      id,
                      null,
                      Map.of(),
                      clock.instant()),
                  command.getGeneratorBundleUri());
          registry.apply(created);
          publish(List.of(created));
        }
        out.status(id, command.getModelId(), TrainingState.SUCCEEDED, 100.0, null, version);
      }
    } catch (CommandFailure e) {
      out.status(id, command.getModelId(), TrainingState.FAILED, null, e.getMessage(), null);
    } catch (IOException | RuntimeException e) {
      out.status(
          id,
          command.getModelId(),
          TrainingState.FAILED,
          null,
          "Cannot register: " + e.getMessage(),
          null);
    }
  }

  /**
   * Checks that a REGISTER's generatorBundleUri, when given, is the generator the detector was
   * built for: the version records it, and RETRAINs sample it.
   */
  private static void requireGenerator(ControlCommand command, Detector detector)
      throws CommandFailure, IOException {
    if (command.getGeneratorBundleUri() == null) {
      return;
    }
    String digest =
        org.flipad.core.bundle.GeneratorBundles.read(
                RetrainJob.path(command.getGeneratorBundleUri()))
            .digest();
    if (!digest.equals(detector.description().generatorDigest())) {
      throw new CommandFailure(
          "The generator bundle at "
              + command.getGeneratorBundleUri()
              + " has sha256 "
              + digest
              + " but the detector was built for "
              + detector.description().generatorDigest()
              + ". Give the generator the detector was trained for, or leave generatorBundleUri"
              + " out.");
    }
  }

  private void publish(List<ModelVersion> writes) {
    writes.forEach(models.versions()::apply);
    out.versions(writes);
  }

  /** A published version's detector, fetched from the store it names and verified by sha256. */
  private Detector publishedDetector(ModelVersion version) throws IOException {
    try (ModelStore source = ModelStore.forLocation(version.getBundleLocation(), client)) {
      Path file = source.fetch(version.getBundleSha256(), workDir.resolve("published-bundles"));
      return DetectorBundles.read(file, version.getBundleSha256());
    }
  }
}
