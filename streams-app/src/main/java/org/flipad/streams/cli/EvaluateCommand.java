package org.flipad.streams.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flipad.core.attribution.InversionRecipe;
import org.flipad.core.bundle.Provenance;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.data.RealImageSource;
import org.flipad.core.data.perturbation.Perturbations;
import org.flipad.core.detector.DeepSadArchitecture;
import org.flipad.core.eval.Comparison;
import org.flipad.core.eval.DetectorScoreCache;
import org.flipad.core.eval.EvaluationMethod;
import org.flipad.core.eval.EvaluationProtocol;
import org.flipad.core.eval.EvaluationReport;
import org.flipad.core.eval.EvaluationRun;
import org.flipad.core.eval.EvaluationSettings;
import org.flipad.core.eval.MethodRunner;
import org.flipad.core.eval.ZooModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flipad evaluate}: the paper's protocol on a generator zoo in one run, FLIPAD against
 * RawPAD, DCTPAD and the fingerprint, clean and perturbed; writes report.md, results.csv,
 * results.json and plots. The report's description of the run and the machine is written by {@link
 * EvaluationDescription}.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Evaluates detectors on a generator zoo: for each architecture's first run as the target,"
          + " trains each method against real images plus a negative bank (every other run of"
          + " every architecture), calibrates on held-out target images and tests balanced pairs"
          + " of the target against real test images, fresh samples of the bank's generators,"
          + " runs never in the bank, and an architecture left out of a second detector's bank."
          + " Reports accuracy at FNR 0.5 %% and 5 %%, AUROC, TNR per source, and the same under"
          + " perturbations applied to training and test alike.",
      ""
    })
final class EvaluateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--zoo",
      defaultValue = "models/zoo",
      paramLabel = "DIR",
      description =
          "Directory of <architecture>-seed<run> generator bundles (default: ${DEFAULT-VALUE}).")
  Path zoo;

  @Option(
      names = "--out",
      defaultValue = "evaluation",
      paramLabel = "DIR",
      description = "Report directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description =
          "Where each trained detector's scores are kept, keyed by a digest of its method, seed"
              + " and every image it saw, so that an interrupted run re-run with the same command"
              + " trains only what it has not finished (default: <out>/detector-cache).")
  Path cache;

  @Option(names = "--no-cache", description = "Train every detector, reading and writing no cache.")
  boolean noCache;

  @Option(
      names = "--quick",
      description = "Small sizes, one repetition, two conditions: a smoke run of a few minutes.")
  boolean quick;

  @Option(
      names = "--train",
      paramLabel = "N",
      description = "Target training images, and negative training images (default 1000).")
  Integer train;

  @Option(
      names = "--validation",
      paramLabel = "N",
      description = "Validation target images (default 500).")
  Integer validation;

  @Option(names = "--test", paramLabel = "N", description = "Test images per source (default 300).")
  Integer test;

  @Option(names = "--repetitions", paramLabel = "N", description = "Repetitions (default 1).")
  Integer repetitions;

  @Option(names = "--epochs", paramLabel = "N", description = "DeepSAD epochs (default 20).")
  Integer epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "32",
      description = "DeepSAD batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--network",
      paramLabel = "NET",
      description =
          "DeepSAD network on FLIPAD features: paper, lenet or mlp (default: paper; --quick:"
              + " lenet).")
  String network;

  @Option(
      names = "--recipes",
      paramLabel = "LIST",
      defaultValue = "min-norm",
      description =
          "FLIPAD inversion recipes, the product's first: min-norm, paper, working-set (default:"
              + " ${DEFAULT-VALUE}).")
  String recipes;

  @Option(
      names = "--methods",
      paramLabel = "LIST",
      defaultValue = "flipad,rawpad,dctpad,fusion",
      description =
          "Methods: flipad, rawpad, dctpad, fingerprint, fusion (default: ${DEFAULT-VALUE}).")
  String methods;

  @Option(
      names = "--real-only",
      description = "Train on real negatives only, as the paper does (default: real + the bank).")
  boolean realOnly;

  @Option(
      names = "--no-held-out-architecture",
      description =
          "Skip the second FLIPAD and RawPAD detectors whose bank leaves one architecture out.")
  boolean noHeldOutArchitecture;

  @Option(
      names = "--fresh-draws",
      description =
          "Train FLIPAD's detectors on fresh draws of their training images in every epoch after"
              + " the first, as train-detector --fresh-draws does (default: the same images every"
              + " epoch).")
  boolean freshDraws;

  @Option(
      names = "--perturbations",
      paramLabel = "LIST",
      description =
          "Perturbations, 'none' for clean, e.g. none,jpeg90,jpeg80 (default: none,jpeg90).")
  String perturbations;

  @Option(
      names = "--targets",
      paramLabel = "LIST",
      defaultValue = "all",
      description =
          "Architectures evaluated as targets, e.g. dcgan,lsgan (default: ${DEFAULT-VALUE}).")
  String targets;

  @Option(
      names = "--perturbed-targets",
      paramLabel = "LIST",
      defaultValue = "dcgan",
      description =
          "Architectures also evaluated under perturbations; 'all' for every target (default:"
              + " ${DEFAULT-VALUE}).")
  String perturbedTargets;

  @Option(names = "--seed", defaultValue = "1", description = "Root seed (default: 1).")
  long seed;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Fashion-MNIST directory (default: "
              + FashionMnist.DEBIAN_DIRECTORY
              + "); without it the shipped 2,000-image subset is split 1,000/1,000.")
  Path data;

  @Override
  public Integer call() throws IOException {
    InstantSource clock = InstantSource.system();
    Instant started = clock.instant();
    EvaluationSettings settings = settings();
    List<ZooModel> models = ZooModel.list(zoo);
    RealImageSource[] real = realImages();
    MethodRunner runner =
        new MethodRunner(settings.deepSadEpochs(), batchSize, settings.network(), clock);
    DetectorScoreCache scoreCache =
        noCache
            ? DetectorScoreCache.NONE
            : DetectorScoreCache.in(cache != null ? cache : out.resolve("detector-cache"));
    EvaluationProtocol protocol =
        new EvaluationProtocol(
            settings,
            real[0],
            real[1],
            runner,
            scoreCache,
            ConsoleProgressBar.on(spec.commandLine().getErr()));
    List<Comparison> comparisons = protocol.run(models);
    Map<String, String> described =
        EvaluationDescription.settings(zoo, settings, batchSize, methods, real);
    described.put(
        "detector cache",
        scoreCache.directory() == null
            ? "off (every detector trained)"
            : String.format(
                "%s: %d detectors trained in this run, %d loaded from earlier runs",
                scoreCache.directory(), scoreCache.stores(), scoreCache.hits()));
    double seconds = (clock.millis() - started.toEpochMilli()) / 1e3;
    EvaluationRun run =
        new EvaluationRun(
            "FLIPAD evaluation on " + zoo,
            "flipad " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
            EvaluationDescription.machine(Provenance.current(clock)),
            started,
            seconds,
            described,
            comparisons);
    EvaluationReport.write(run, out);
    spec.commandLine()
        .getOut()
        .printf(
            "Evaluated %d comparisons in %.0f s; report: %s%n",
            comparisons.size(), seconds, out.resolve("report.md"));
    return 0;
  }

  private EvaluationSettings settings() {
    List<String> perturbed = recipes(perturbedTargets);
    String perturbationList = perturbations != null ? perturbations : "none,jpeg90";
    List<InversionRecipe> inversions =
        java.util.Arrays.stream(recipes.split(","))
            .map(String::strip)
            .filter(r -> !r.isEmpty())
            .map(InversionRecipe::fromId)
            .distinct()
            .toList();
    return new EvaluationSettings(
        orDefault(train, quick ? 150 : 1000),
        orDefault(validation, quick ? 100 : 500),
        orDefault(test, quick ? 100 : 300),
        orDefault(repetitions, 1),
        orDefault(epochs, quick ? 10 : 20),
        EvaluationMethod.parseList(methods),
        inversions,
        DeepSadArchitecture.fromId(network != null ? network : quick ? "lenet" : "paper"),
        batchSize,
        !realOnly,
        !noHeldOutArchitecture,
        Perturbations.parse(perturbationList),
        recipes(targets),
        perturbed,
        seed,
        freshDraws);
  }

  /** A comma-separated list of recipes; "all" is the empty list. */
  private static List<String> recipes(String list) {
    return list.strip().equalsIgnoreCase("all")
        ? List.of()
        : java.util.Arrays.stream(list.split(",")).map(String::strip).toList();
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  /** Training and test pools: the installed train and test sets, else the subset split. */
  private RealImageSource[] realImages() throws IOException {
    if (FashionMnist.check(data).available()) {
      FashionMnist installed = FashionMnist.locate(data);
      return new RealImageSource[] {
        new RealImageSource("real", installed.train().images()),
        new RealImageSource("real", installed.test().images())
      };
    }
    if (data != null) {
      FashionMnist.locate(data); // throws with the install message
    }
    List<Image8> subset = FashionMnist.testSubset().images();
    int half = subset.size() / 2;
    return new RealImageSource[] {
      new RealImageSource("real", subset.subList(0, half)),
      new RealImageSource("real", subset.subList(half, subset.size()))
    };
  }
}
