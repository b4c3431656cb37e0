package org.flipad.streams.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flipad.core.attribution.InversionSettings;
import org.flipad.core.bundle.Provenance;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.data.RealImageSource;
import org.flipad.core.data.perturbation.Perturbations;
import org.flipad.core.eval.Comparison;
import org.flipad.core.eval.EvaluationMethod;
import org.flipad.core.eval.EvaluationProtocol;
import org.flipad.core.eval.EvaluationReport;
import org.flipad.core.eval.EvaluationRun;
import org.flipad.core.eval.EvaluationSettings;
import org.flipad.core.eval.MethodRunner;
import org.flipad.core.eval.ZooModel;
import org.flipad.core.inversion.TargetRule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flipad evaluate}: the paper's protocol on a generator zoo in one run, FLIPAD against
 * RawPAD, DCTPAD and the fingerprint, clean and perturbed; writes report.md, results.csv,
 * results.json and plots.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reproduces the paper's tables on a generator zoo: for each recipe's first run as the"
          + " target, trains each method on target vs real images, calibrates at FNR 0.5 %% on"
          + " held-out target images, and tests balanced pairs of target vs real test images, the"
          + " other recipes (different architectures) and the target recipe's other runs (same"
          + " architecture); repeated under perturbations. Sizes default to a run of about an"
          + " hour on 2 cores; --quick takes a few minutes.",
      ""
    })
final class EvaluateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--zoo",
      defaultValue = "models/zoo",
      paramLabel = "DIR",
      description =
          "Directory of <recipe>-seed<run> generator bundles (default: ${DEFAULT-VALUE}).")
  Path zoo;

  @Option(
      names = "--out",
      defaultValue = "evaluation",
      paramLabel = "DIR",
      description = "Report directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--quick",
      description = "Small sizes, one repetition, one perturbation: a smoke run of a few minutes.")
  boolean quick;

  @Option(names = "--train", paramLabel = "N", description = "Training images per class.")
  Integer train;

  @Option(names = "--validation", paramLabel = "N", description = "Validation target images.")
  Integer validation;

  @Option(names = "--test", paramLabel = "N", description = "Test images per source.")
  Integer test;

  @Option(names = "--repetitions", paramLabel = "N", description = "Repetitions.")
  Integer repetitions;

  @Option(names = "--epochs", paramLabel = "N", description = "DeepSAD epochs.")
  Integer epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "32",
      description =
          "DeepSAD batch size (default: ${DEFAULT-VALUE}; the paper's 128 gives too few Adam steps"
              + " on a few thousand samples).")
  int batchSize;

  @Option(
      names = "--methods",
      paramLabel = "LIST",
      defaultValue = "flipad,rawpad,dctpad,fingerprint",
      description = "Methods (default: ${DEFAULT-VALUE}).")
  String methods;

  @Option(
      names = "--perturbations",
      paramLabel = "LIST",
      description =
          "Perturbations, 'none' for clean (default: none,jpeg90,jpeg80,blur,crop,noise0.05,"
              + "noise0.1; --quick: none,jpeg90).")
  String perturbations;

  @Option(
      names = "--targets",
      paramLabel = "LIST",
      defaultValue = "all",
      description = "Recipes evaluated as targets, e.g. dcgan,lsgan (default: ${DEFAULT-VALUE}).")
  String targets;

  @Option(
      names = "--perturbed-targets",
      paramLabel = "LIST",
      defaultValue = "dcgan",
      description =
          "Recipes also evaluated under perturbations; 'all' for every target (default:"
              + " ${DEFAULT-VALUE}).")
  String perturbedTargets;

  @Option(
      names = "--tolerance",
      paramLabel = "GAP",
      defaultValue = "1e-3",
      description = "Relative duality gap of FLIPAD's inversions (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(
      names = "--max-epochs",
      paramLabel = "N",
      defaultValue = "200",
      description = "Coordinate-descent epochs per inversion at most (default: ${DEFAULT-VALUE}).")
  int maxEpochs;

  @Option(
      names = "--target-rule",
      paramLabel = "RULE",
      defaultValue = "QUANTISATION_INTERVAL",
      description =
          "How pixels become inversion targets: ${COMPLETION-CANDIDATES} (default:"
              + " ${DEFAULT-VALUE}).")
  TargetRule targetRule;

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
        new MethodRunner(settings.deepSadEpochs(), batchSize, settings.inversion(), clock);
    EvaluationProtocol protocol =
        new EvaluationProtocol(
            settings, real[0], real[1], runner, ConsoleProgressBar.on(spec.commandLine().getErr()));
    List<Comparison> comparisons = protocol.run(models);
    double seconds = (clock.millis() - started.toEpochMilli()) / 1e3;
    EvaluationRun run =
        new EvaluationRun(
            "FLIPAD evaluation on " + zoo,
            "flipad " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
            machine(Provenance.current(clock)),
            started,
            seconds,
            describe(settings, real),
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
    String perturbationList =
        perturbations != null
            ? perturbations
            : quick ? "none,jpeg90" : "none,jpeg90,jpeg80,blur,crop,noise0.05,noise0.1";
    return new EvaluationSettings(
        orDefault(train, quick ? 150 : 800),
        orDefault(validation, quick ? 100 : 200),
        orDefault(test, quick ? 100 : 200),
        orDefault(repetitions, quick ? 1 : 2),
        orDefault(epochs, quick ? 10 : 30),
        EvaluationMethod.parseList(methods),
        Perturbations.parse(perturbationList),
        recipes(targets),
        perturbed,
        InversionSettings.defaults()
            .withTolerance(tolerance)
            .withMaxEpochs(maxEpochs)
            .withTargetRule(targetRule),
        seed);
  }

  private static String machine(Provenance provenance) {
    return provenance.machine().getOrDefault("cpu", "unknown CPU")
        + ", "
        + provenance.machine().get("processors")
        + " processors, max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " MiB, "
        + provenance.versions().get("os")
        + ", Java "
        + provenance.versions().get("java")
        + ", PyTorch "
        + provenance.versions().get("pytorch");
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

  private Map<String, String> describe(EvaluationSettings s, RealImageSource[] real) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("zoo", zoo.toString());
    d.put("training images per class", String.valueOf(s.trainPerClass()));
    d.put("validation target images", String.valueOf(s.validation()));
    d.put("test images per source", String.valueOf(s.testPerSource()));
    d.put("repetitions", String.valueOf(s.repetitions()));
    d.put(
        "DeepSAD epochs",
        s.deepSadEpochs() + " (lr × 0.1 after " + Math.max(1, s.deepSadEpochs() / 2) + ")");
    d.put("DeepSAD batch size", String.valueOf(batchSize));
    d.put("methods", methods);
    d.put("perturbations", s.perturbations().stream().map(p -> p.id()).toList().toString());
    d.put(
        "perturbed targets",
        s.perturbedTargets().isEmpty() ? "all" : s.perturbedTargets().toString());
    d.put(
        "inversion",
        "working-set, λ " + s.inversion().lambda() + ", relative gap " + s.inversion().tolerance());
    d.put("real pools", real[0].size() + " training, " + real[1].size() + " test images");
    d.put("seed", String.valueOf(s.seed()));
    return d;
  }
}
