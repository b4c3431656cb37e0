package org.flipad.streams.control;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.flipad.core.attribution.Attribution;
import org.flipad.core.attribution.Detector;
import org.flipad.core.attribution.DetectorBundles;
import org.flipad.core.attribution.FlipadDetectorBuilder;
import org.flipad.core.attribution.FlipadDetectorSettings;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.data.ColorMode;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ImageFiles;
import org.flipad.core.data.ImageFolder;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.progress.ProgressListener;
import org.flipad.schema.ControlCommand;
import org.flipad.schema.ModelVersion;

/**
 * A RETRAIN: builds a new detector for the command's generator with the command's sizes, epochs,
 * FNR and seed, then applies the quality gate before anything is published.
 *
 * <p>The gate: (1) the held-out AUROC must be at most the tolerance (default {@link
 * #AUROC_TOLERANCE}) below the active version's; (2) on fresh samples of the generator (never seen
 * in training or calibration), the share judged "not from the target" at the chosen FNR must be
 * within the requested FNR plus the sampling slack of n draws, {@code q + 3·√(q(1−q)/n) + 1/n}. A
 * detector failing either is refused and the active version keeps serving.
 */
final class RetrainJob {

  static final double AUROC_TOLERANCE = 0.02;

  /**
   * A detector that passed the gate, written to a bundle file.
   *
   * @param detector the detector (the caller closes it)
   * @param bundle its bundle file
   * @param sha256 the bundle's digest
   * @param empiricalFnr the gate's measured FNR
   * @param gateSamples fresh samples the FNR was measured on
   */
  record Outcome(
      Detector detector, Path bundle, String sha256, double empiricalFnr, int gateSamples) {}

  private RetrainJob() {}

  static Outcome run(
      ControlCommand command,
      Optional<ModelVersion> active,
      Path workDir,
      double aurocTolerance,
      InstantSource clock,
      ProgressListener progress,
      java.util.function.Function<ModelInputFormat, List<Image8>> feedbackNegatives)
      throws CommandFailure, IOException {
    if (command.getGeneratorBundleUri() == null) {
      throw new CommandFailure(
          "RETRAIN of "
              + command.getModelId()
              + " names no generatorBundleUri; give the generator bundle the detector is for.");
    }
    GeneratorBundle generator = GeneratorBundles.read(path(command.getGeneratorBundleUri()));
    int train = orDefault(command.getTrainingSamples(), 1_000);
    int validation = orDefault(command.getValidationSamples(), 200);
    double fnr = command.getFnr() == null ? Detector.HEADLINE_FNR : command.getFnr();
    FlipadDetectorSettings settings =
        FlipadDetectorSettings.defaults()
            .withSizes(train, validation)
            .withEpochs(orDefault(command.getEpochs(), 10))
            .withSeed(command.getSeed() == null ? 1 : command.getSeed());
    List<Image8> negatives =
        new java.util.ArrayList<>(negatives(command.getNegativesDatasetUri(), generator));
    // Reviewers' overturned decisions are the negatives that matter most: they are real uploads
    // this model was wrongly blamed for.
    negatives.addAll(
        feedbackNegatives.apply(
            ModelInputFormat.of(
                generator.finalLayer().layer(),
                generator.finalLayer().activation().requireInvertible())));
    Detector detector =
        new FlipadDetectorBuilder(settings, clock, progress).build(generator, negatives);
    try {
      double auroc = detector.description().validation().auroc();
      if (active.isPresent()) {
        double activeAuroc = active.get().getMetrics().getAuroc();
        if (!Double.isNaN(activeAuroc) && !(auroc >= activeAuroc - aurocTolerance)) {
          throw new CommandFailure(
              String.format(
                  java.util.Locale.ROOT,
                  "Quality gate: held-out AUROC %.4f is more than %.2f below the active version"
                      + " %d's %.4f; the new detector was not published. Retrain with more"
                      + " samples or epochs.",
                  auroc,
                  aurocTolerance,
                  active.get().getVersion(),
                  activeAuroc));
        }
      }
      int n = Math.max(20, validation);
      double empirical = empiricalFnr(detector, generator, n, settings.seed(), fnr);
      double bound = fnr + 3 * Math.sqrt(fnr * (1 - fnr) / n) + 1.0 / n;
      if (empirical > bound) {
        throw new CommandFailure(
            String.format(
                java.util.Locale.ROOT,
                "Quality gate: on %d fresh samples the detector misses %.1f %% at FNR %.1f %%"
                    + " (allowed up to %.1f %%); the new detector was not published.",
                n,
                100 * empirical,
                100 * fnr,
                100 * bound));
      }
      Files.createDirectories(workDir);
      Path bundle =
          Files.createTempFile(workDir, command.getModelId() + "-", DetectorBundles.EXTENSION);
      String sha256 = DetectorBundles.write(detector, bundle);
      return new Outcome(detector, bundle, sha256, empirical, n);
    } catch (CommandFailure | IOException | RuntimeException e) {
      detector.close();
      throw e;
    }
  }

  private static double empiricalFnr(
      Detector detector, GeneratorBundle generator, int n, long seed, double fnr)
      throws IOException {
    List<Image8> fresh;
    try (GeneratorModel model = generator.load()) {
      fresh = new GeneratorImageSource("gate", model).draw(n, seed + 424_242L);
    }
    int missed = 0;
    for (Attribution a : detector.attribute(fresh)) {
      if (!a.decisionAt(fnr).fromTarget()) {
        missed++;
      }
    }
    return missed / (double) n;
  }

  private static List<Image8> negatives(String uri, GeneratorBundle target) throws IOException {
    if (uri == null || uri.equals("fashion-mnist-subset")) {
      return FashionMnist.testSubset().images();
    }
    if (uri.equals("fashion-mnist")) {
      return FashionMnist.locate(null).train().images();
    }
    Path source = path(uri);
    if (Files.isRegularFile(source.resolve(GeneratorBundles.MANIFEST))) {
      try (GeneratorModel model = GeneratorBundles.read(source).load()) {
        return new GeneratorImageSource(source.getFileName().toString(), model).draw(2_000, 77);
      }
    }
    ColorMode mode = ColorMode.valueOf(target.manifest().colorMode());
    return ImageFolder.open(source)
        .read(ImageFiles.withDefaultLimits(), mode, ImageFolder.OnUnreadable.FAIL)
        .images();
  }

  /** A local path from a plain path or a {@code file:} URI. */
  static Path path(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
