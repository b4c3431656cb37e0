package org.flipad.streams.control;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.flipad.core.attribution.Detector;
import org.flipad.core.attribution.DetectorBundles;
import org.flipad.core.attribution.FlipadDetectorBuilder;
import org.flipad.core.attribution.FlipadDetectorSettings;
import org.flipad.core.attribution.NegativeSource;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.core.data.RealImageSource;
import org.flipad.core.detector.Thresholds;
import org.flipad.core.progress.ProgressListener;
import org.flipad.schema.ControlCommand;
import org.flipad.schema.ModelVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RETRAIN: builds a new detector for the command's generator against a negative bank ({@link
 * RetrainBank}: real images, every other registered model's generator, reviewers' overturned
 * uploads) with the command's sizes, epochs, FNR and seed, then applies the paired {@link
 * QualityGate} before anything is published.
 *
 * <p>The gate draws one held-out set with its fixed seed (fresh samples of the target and of each
 * bank generator, real images from a pool no bank trains on) and scores both the candidate and the
 * active version, loaded from the model store, on the same images at the command's FNR ({@link
 * HeldOutScoring}). A refused candidate is discarded and the active version keeps serving.
 */
final class RetrainJob {

  private static final Logger LOG = LoggerFactory.getLogger(RetrainJob.class);

  /** Loads a published version's detector (from the model store) for the gate. */
  @FunctionalInterface
  interface PublishedDetectors {
    /** The detector of {@code version}; the caller closes it. */
    Detector load(ModelVersion version) throws IOException;
  }

  /**
   * A detector that passed the gate, written to a bundle file.
   *
   * @param detector the detector (the caller closes it)
   * @param bundle its bundle file
   * @param sha256 the bundle's digest
   * @param generatorLocation where its generator bundle is, for the version record
   * @param figures the gate's figures and the bank's counts, for the metrics
   */
  record Outcome(
      Detector detector,
      Path bundle,
      String sha256,
      String generatorLocation,
      Map<String, Double> figures) {}

  private final RetrainSettings settings;
  private final Path workDir;
  private final InstantSource clock;
  private final PublishedDetectors published;

  /**
   * @param settings defaults for what the command leaves open, and the gate
   * @param workDir where the candidate's bundle is written
   * @param clock stamps the provenance
   * @param published loads the active version's detector for the paired gate
   */
  RetrainJob(
      RetrainSettings settings, Path workDir, InstantSource clock, PublishedDetectors published) {
    this.settings = settings;
    this.workDir = workDir;
    this.clock = clock;
    this.published = published;
  }

  /**
   * Builds, gates and writes the candidate.
   *
   * @param registry the folded {@code flipad.models}: the active version and the other models
   * @param feedbackNegatives reviewers' overturned uploads in the target's layout
   * @throws CommandFailure when the command cannot be carried out or the gate refuses (with the
   *     gate's figures)
   */
  Outcome run(
      ControlCommand command,
      ModelVersions registry,
      ProgressListener progress,
      Function<ModelInputFormat, List<Image8>> feedbackNegatives)
      throws CommandFailure, IOException {
    String modelId = command.getModelId();
    String location = generatorLocation(command, registry);
    GeneratorBundle generator = GeneratorBundles.read(path(location));
    requireDigest(command, generator);
    double fnr = command.getFnr() == null ? Detector.HEADLINE_FNR : command.getFnr();
    requireLevel(fnr);
    FlipadDetectorSettings build = buildSettings(command);
    String negatives =
        command.getNegativesDatasetUri() == null
            ? settings.negatives()
            : command.getNegativesDatasetUri();
    RetrainBank.Plan plan =
        RetrainBank.plan(
            negatives, registry, modelId, generator.digest(), RetrainBank::isGeneratorBundle);
    LOG.info(
        "RETRAIN {} of {}: negatives {} (registered generators {}; left out {})",
        command.getCommandId(),
        modelId,
        plan.specs(),
        plan.registered(),
        plan.unavailable());
    try (RetrainBank bank = RetrainBank.open(plan, generator, settings.gate().samples())) {
      ModelInputFormat format =
          ModelInputFormat.of(
              generator.finalLayer().layer(),
              generator.finalLayer().activation().requireInvertible());
      List<Image8> feedback = feedbackNegatives.apply(format);
      if (!feedback.isEmpty()) {
        // Reviewers' overturned decisions are the negatives that matter most: real uploads this
        // model was wrongly blamed for. The builder uses them in full, on top of the weighted draw.
        bank.add(
            new NegativeSource(
                NegativeSource.Kind.FEEDBACK,
                "reviewer feedback",
                1,
                new RealImageSource("feedback", feedback)));
      }
      Detector candidate =
          new FlipadDetectorBuilder(build, clock, progress)
              .build(generator, bank.sources(), modelId);
      try {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("bankSources", (double) bank.sources().size());
        figures.put("bankRegisteredGenerators", (double) plan.registered().size());
        figures.put("bankUnavailableGenerators", (double) plan.unavailable().size());
        GateEvidence evidence =
            new HeldOutScoring(settings.gate(), published)
                .evidence(
                    command, candidate, registry.active(modelId), generator, bank, fnr, progress);
        QualityGate.GateVerdict verdict = new QualityGate(settings.gate()).judge(evidence);
        figures.putAll(verdict.figures());
        if (!verdict.passed()) {
          throw new CommandFailure(verdict.reason(), figures);
        }
        Files.createDirectories(workDir);
        Path bundle = Files.createTempFile(workDir, modelId + "-", DetectorBundles.EXTENSION);
        String sha256 = DetectorBundles.write(candidate, bundle);
        return new Outcome(candidate, bundle, sha256, location, figures);
      } catch (CommandFailure | IOException | RuntimeException e) {
        candidate.close();
        throw e;
      }
    }
  }

  /** The command's generator, else the one the model's newest located version records. */
  private static String generatorLocation(ControlCommand command, ModelVersions registry)
      throws CommandFailure {
    if (command.getGeneratorBundleUri() != null) {
      return command.getGeneratorBundleUri();
    }
    List<ModelVersion> versions = new ArrayList<>(registry.versions(command.getModelId()));
    java.util.Collections.reverse(versions);
    return versions.stream()
        .map(ModelVersion::getGeneratorBundleLocation)
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElseThrow(
            () ->
                new CommandFailure(
                    "RETRAIN of "
                        + command.getModelId()
                        + " names no generatorBundleUri and no version of the model records a"
                        + " generatorBundleLocation; give the generator bundle the detector is"
                        + " for."));
  }

  private static void requireDigest(ControlCommand command, GeneratorBundle generator)
      throws CommandFailure {
    String expected = command.getGeneratorBundleSha256();
    if (expected != null && !expected.equalsIgnoreCase(generator.digest())) {
      throw new CommandFailure(
          "The generator bundle at "
              + generator.directory()
              + " has sha256 "
              + generator.digest()
              + ", not the command's generatorBundleSha256 "
              + expected
              + ". Check the bundle or the command.");
    }
  }

  private static void requireLevel(double fnr) throws CommandFailure {
    if (!Thresholds.LEVELS.contains(fnr)) {
      throw new CommandFailure(
          "RETRAIN fnr "
              + fnr
              + " is not a calibrated level; detectors are calibrated at "
              + Thresholds.LEVELS
              + ". Pick one of those.");
    }
  }

  private FlipadDetectorSettings buildSettings(ControlCommand command) {
    return FlipadDetectorSettings.defaults()
        .withSizes(
            orDefault(command.getTrainingSamples(), settings.train()),
            orDefault(command.getValidationSamples(), settings.validation()))
        .withEpochs(orDefault(command.getEpochs(), settings.epochs()))
        .withSeed(command.getSeed() == null ? 1 : command.getSeed())
        .withNetwork(settings.network(), settings.batchSize());
  }

  /** A local path from a plain path or a {@code file:} URI. */
  static Path path(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
