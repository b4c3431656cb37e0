package org.flipad.streams.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flipad.core.attribution.Detector;
import org.flipad.core.attribution.DetectorBundles;
import org.flipad.core.attribution.DetectorDescription;
import org.flipad.core.attribution.FlipadDetectorBuilder;
import org.flipad.core.attribution.FlipadDetectorSettings;
import org.flipad.core.attribution.InversionRecipe;
import org.flipad.core.attribution.InversionSettings;
import org.flipad.core.attribution.NegativeBank;
import org.flipad.core.attribution.NegativeSourceRecord;
import org.flipad.core.attribution.SourceValidation;
import org.flipad.core.attribution.ValidationSummary;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.detector.DeepSadArchitecture;
import org.flipad.core.detector.Thresholds;
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
          + " images, validates on held-out images of every negative source and writes"
          + " everything serving needs to one bundle file.",
      "",
      "SOURCE of negatives: 'fashion-mnist' (the installed training set),"
          + " 'fashion-mnist-subset' (the 2,000 test images shipped with flipad), a folder of"
          + " PNG/JPEG images of the generator's size, or a generator bundle folder (sampled on"
          + " the fly); append :WEIGHT to set its share. By default real sources share half of"
          + " the negative training images and generators the other half.",
      "Without --negatives the bank is fashion-mnist plus every other generator bundle in the"
          + " target's folder (its zoo).",
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
      split = ",",
      paramLabel = "SOURCE[:WEIGHT]",
      description =
          "Negative sources (repeat or separate by commas); default: fashion-mnist and every"
              + " other bundle of the target's zoo.")
  List<String> negatives = new ArrayList<>();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The bundle file to write, e.g. dcgan-seed1.flipad-detector.")
  Path out;

  @Option(
      names = "--recipe",
      paramLabel = "RECIPE",
      defaultValue = "min-norm",
      description =
          "Inversion: min-norm (default), paper (the authors' FISTA schedule) or working-set.")
  String recipe;

  @Option(
      names = "--network",
      paramLabel = "NET",
      defaultValue = "paper",
      description = "DeepSAD network: paper (default; 3 convolutions, rep 128), lenet or mlp.")
  String network;

  @Option(
      names = "--batch-size",
      paramLabel = "B",
      defaultValue = "128",
      description = "DeepSAD batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--train",
      paramLabel = "N",
      defaultValue = "2000",
      description =
          "Target training images, and negative training images over the bank (default:"
              + " ${DEFAULT-VALUE}).")
  int train;

  @Option(
      names = "--validation",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "Held-out target images for the thresholds, and the most held-out images per negative"
              + " source for the validation (default: ${DEFAULT-VALUE}).")
  int validation;

  @Option(
      names = "--epochs",
      paramLabel = "E",
      defaultValue = "50",
      description = "DeepSAD epochs; lr × 0.1 after half (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Base seed of every draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--no-pixel-companion",
      description =
          "Score with FLIPAD alone: train no pixel detector to fuse with it (the default fuses"
              + " both, which refuses other runs of the target's architecture more often).")
  boolean noPixelCompanion;

  @Option(
      names = "--fresh-draws",
      description =
          "Train FLIPAD's DeepSAD on new samples of the target and of the bank's generators in"
              + " every epoch after the first (--train per epoch; real images stay the same),"
              + " instead of the same samples every epoch.")
  boolean freshDraws;

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
            InversionSettings.of(InversionRecipe.fromId(recipe)).withThreads(threads),
            DeepSadArchitecture.fromId(network),
            batchSize,
            !noPixelCompanion,
            freshDraws);
    GeneratorBundle target = GeneratorBundles.read(generator);
    List<String> specs =
        negatives.isEmpty() ? NegativeBank.zooDefaults("fashion-mnist", target) : negatives;
    ProgressListener progress = ConsoleProgressBar.on(spec.commandLine().getErr());
    try (NegativeBank bank = NegativeBank.open(specs, target);
        Detector detector =
            new FlipadDetectorBuilder(settings, InstantSource.system(), progress)
                .build(target, bank.sources(), null)) {
      String sha256 = DetectorBundles.write(detector, out);
      print(detector, sha256);
    }
    return 0;
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
    stdout.printf(Locale.ROOT, "Inversion: %s.%n", d.inversion().summary());
    stdout.println(
        d.pixelCompanion() == null
            ? "Score: FLIPAD alone."
            : "Score: FLIPAD fused with a pixel detector ("
                + d.pixelCompanion().deepSad().architecture().id()
                + " network); thresholds and validation are the fused score's.");
    for (NegativeSourceRecord n : d.negatives()) {
      stdout.printf(
          Locale.ROOT,
          "  negative source %-22s %-9s weight %.3f: %d trained, %d held out (%s)%n",
          n.name(),
          n.kind(),
          n.weight(),
          n.trained(),
          n.heldOut(),
          n.identity());
    }
    for (SourceValidation s : v.sources()) {
      stdout.printf(
          Locale.ROOT,
          "  held-out %-22s n=%4d  AUROC %.4f  refused at FNR 0.5 %% %.1f %%, at 5 %% %.1f %%%n",
          s.source(),
          s.heldOut(),
          s.auroc(),
          100 * s.tnrHeadline(),
          100 * s.tnrFivePercent());
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
        List.of(
            "meanActivation",
            "sampling",
            "features",
            "deepSad",
            "pixelDeepSad",
            "validation",
            "total")) {
      if (seconds.containsKey(step)) {
        text.append(text.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "%s %.1f s", step, seconds.get(step)));
      }
    }
    return text.toString();
  }
}
