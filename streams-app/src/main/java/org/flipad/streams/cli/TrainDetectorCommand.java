package org.flipad.streams.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flipad.core.attribution.Detector;
import org.flipad.core.attribution.DetectorBundles;
import org.flipad.core.attribution.DetectorDescription;
import org.flipad.core.attribution.FlipadDetectorBuilder;
import org.flipad.core.attribution.FlipadDetectorSettings;
import org.flipad.core.attribution.InversionSettings;
import org.flipad.core.attribution.ValidationSummary;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.data.ColorMode;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ImageFiles;
import org.flipad.core.data.ImageFolder;
import org.flipad.core.detector.Thresholds;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.progress.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flipad train-detector}: builds a FLIPAD detector for one generator against a set of
 * negatives and writes it as a detector bundle, printing the validation summary and the bundle's
 * sha256 (its address for {@code flipad attribute --sha256}).
 */
@Command(
    name = "train-detector",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Trains a FLIPAD detector for one generator: samples target images, inverts them and the"
          + " negatives through the generator's final layer, trains DeepSAD on target vs negative"
          + " features, calibrates thresholds at FNR 0, 0.1, 0.5, 1 and 5 %% on held-out target"
          + " images and writes everything serving needs to one bundle file. Defaults run in a"
          + " few minutes on 2 cores.",
      "",
      "SOURCE of the negatives: 'fashion-mnist' (the installed training set), "
          + "'fashion-mnist-subset' (the 2,000 test images shipped with flipad), a folder of"
          + " PNG/JPEG images of the generator's size, or a generator bundle folder (its samples).",
      ""
    })
final class TrainDetectorCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--generator",
      required = true,
      paramLabel = "DIR",
      description = "The target's generator bundle.")
  Path generator;

  @Option(
      names = "--negatives",
      required = true,
      paramLabel = "SOURCE",
      description = "fashion-mnist, fashion-mnist-subset, an image folder or a generator bundle.")
  String negatives;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The bundle file to write, e.g. dcgan-seed1.flipad-detector.")
  Path out;

  @Option(
      names = "--train",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Training images per class (default: ${DEFAULT-VALUE}).")
  int train;

  @Option(
      names = "--validation",
      paramLabel = "N",
      defaultValue = "200",
      description =
          "Held-out target images for the thresholds, and the most held-out negatives for the"
              + " validation AUROC (default: ${DEFAULT-VALUE}).")
  int validation;

  @Option(
      names = "--epochs",
      paramLabel = "E",
      defaultValue = "10",
      description = "DeepSAD epochs; lr × 0.1 after half (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Base seed of every draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--tolerance",
      paramLabel = "GAP",
      defaultValue = "1e-3",
      description =
          "Relative duality gap that ends an image's inversion (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(
      names = "--max-epochs",
      paramLabel = "N",
      defaultValue = "" + FlipadDetectorSettings.DEFAULT_MAX_EPOCHS,
      description =
          "Caps coordinate-descent epochs per image; bounds the time, since real images rarely"
              + " certify (default: ${DEFAULT-VALUE}). Serving uses the same settings.")
  int maxEpochs;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Images inverted in parallel (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws IOException {
    FlipadDetectorSettings settings =
        new FlipadDetectorSettings(
            train,
            validation,
            epochs,
            seed,
            new InversionSettings(
                InversionSettings.REFERENCE_LAMBDA, tolerance, maxEpochs, threads));
    GeneratorBundle target = GeneratorBundles.read(generator);
    List<Image8> negativeImages = negativeImages(target);
    ProgressListener progress = ConsoleProgressBar.on(spec.commandLine().getErr());
    try (Detector detector =
        new FlipadDetectorBuilder(settings, InstantSource.system(), progress)
            .build(target, negativeImages)) {
      String sha256 = DetectorBundles.write(detector, out);
      print(detector, sha256);
    }
    return 0;
  }

  /** The negatives named by {@code --negatives}, in the target's color mode. */
  private List<Image8> negativeImages(GeneratorBundle target) throws IOException {
    int needed = train + validation;
    switch (negatives) {
      case "fashion-mnist":
        return FashionMnist.locate(null).train().images();
      case "fashion-mnist-subset":
        return FashionMnist.testSubset().images();
      default:
        Path source = Path.of(negatives);
        if (Files.isRegularFile(source.resolve(GeneratorBundles.MANIFEST))) {
          return generatorSamples(source, needed);
        }
        if (!Files.isDirectory(source)) {
          throw new IllegalArgumentException(
              "--negatives is '"
                  + negatives
                  + "', which is neither fashion-mnist, fashion-mnist-subset nor a folder."
                  + " Pass one of those, a folder of PNG/JPEG images or a generator bundle.");
        }
        ColorMode mode = ColorMode.valueOf(target.manifest().colorMode());
        return ImageFolder.open(source)
            .read(ImageFiles.withDefaultLimits(), mode, ImageFolder.OnUnreadable.FAIL)
            .images();
    }
  }

  /** Samples of another generator; a different seed than the target's draws, for clarity. */
  private List<Image8> generatorSamples(Path bundle, int count) throws IOException {
    GeneratorBundle other = GeneratorBundles.read(bundle);
    try (GeneratorModel model = other.load()) {
      String name = bundle.toAbsolutePath().normalize().getFileName().toString();
      return new GeneratorImageSource(name, model).draw(count, seed + 1_000);
    }
  }

  private void print(Detector detector, String sha256) {
    PrintWriter stdout = spec.commandLine().getOut();
    DetectorDescription d = detector.description();
    ValidationSummary v = d.validation();
    stdout.printf(
        Locale.ROOT,
        "Detector for %s (generator %s): trained on %d target + %d negative images, calibrated on"
            + " %d target images.%n",
        d.modelId(),
        d.generatorDigest(),
        v.targetTraining(),
        v.negativeTraining(),
        v.validation());
    for (double q : Thresholds.LEVELS) {
      stdout.printf(
          Locale.ROOT,
          "  FNR %5.1f %%: threshold %.6g%n",
          100 * q,
          detector.thresholds().threshold(q));
    }
    if (v.heldOutNegative() > 0) {
      stdout.printf(
          Locale.ROOT,
          "Validation on %d held-out target vs %d negative images: AUROC %.4f, accuracy at FNR 0.5"
              + " %% %.4f.%n",
          v.heldOutTarget(),
          v.heldOutNegative(),
          v.auroc(),
          v.headlineAccuracy());
    } else {
      stdout.println("No negatives were left to hold out; validation AUROC not computed.");
    }
    stdout.printf(
        Locale.ROOT,
        "Inversion relative gap: mean %.2e, max %.2e. Times: %s.%n",
        v.meanRelativeGap(),
        v.maxRelativeGap(),
        times(d.timesSeconds()));
    stdout.printf("Wrote %s%nsha256 %s%n", out, sha256);
    stdout.flush();
  }

  private static String times(Map<String, Double> seconds) {
    StringBuilder text = new StringBuilder();
    for (String step :
        List.of("meanActivation", "sampling", "features", "deepSad", "validation", "total")) {
      if (seconds.containsKey(step)) {
        text.append(text.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "%s %.1f s", step, seconds.get(step)));
      }
    }
    return text.toString();
  }
}
