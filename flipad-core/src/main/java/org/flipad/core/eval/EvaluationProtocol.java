package org.flipad.core.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.data.RealImageSource;
import org.flipad.core.data.perturbation.Perturbation;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.generator.MeanActivation;
import org.flipad.core.progress.ProgressListener;

/**
 * The evaluation protocol on a zoo. For each architecture's first training run as the target and
 * each repetition: draw target training, validation and test images; negative training images (real
 * images only, as the paper does, or real images plus the <em>bank</em>: every other run than the
 * target's, as the product trains); and test images of real photographs and of every other zoo
 * model. Then, for each perturbation (applied to every set alike, training included) and each
 * method, train, calibrate and score. Sources are grouped as real, in the bank, unseen runs of
 * banked architectures, and — with a second detector whose bank leaves one architecture out — a
 * held-out architecture. One image set's methods are trained and scored by {@link
 * ConditionEvaluation}.
 */
public final class EvaluationProtocol {

  private final EvaluationSettings settings;
  private final ZooDraws draws;
  private final ProgressListener progress;
  private final Map<String, String> bundleDigests = new LinkedHashMap<>();
  private final ConditionEvaluation conditions;

  /**
   * @param settings sizes, methods, perturbations and seed
   * @param realTrain the real images negatives are drawn from
   * @param realTest the real images tested against (disjoint from {@code realTrain})
   * @param runner trains and scores one method
   * @param cache scores of detectors trained before, and where new ones are kept
   * @param progress receives one unit per trained detector
   */
  public EvaluationProtocol(
      EvaluationSettings settings,
      RealImageSource realTrain,
      RealImageSource realTest,
      MethodRunner runner,
      DetectorScoreCache cache,
      ProgressListener progress) {
    this.settings = settings;
    this.draws = new ZooDraws(settings, realTrain, realTest);
    this.progress = progress;
    this.conditions = new ConditionEvaluation(settings, runner, cache, progress, bundleDigests);
  }

  /**
   * Runs the protocol.
   *
   * @param zoo the generator bundles; the lowest run of each architecture is a target
   * @return one comparison per (target, repetition, perturbation, method, source)
   * @throws IOException when a bundle cannot be read
   */
  public List<Comparison> run(List<ZooModel> zoo) throws IOException {
    Map<String, GeneratorModel> generators = new LinkedHashMap<>();
    Map<String, String> networks = new LinkedHashMap<>();
    try {
      for (ZooModel model : zoo) {
        GeneratorBundle bundle = GeneratorBundles.read(model.directory());
        networks.put(model.name(), bundle.manifest().architecture());
        bundleDigests.put(model.name(), bundle.digest());
        generators.put(model.name(), bundle.load());
      }
      List<ZooModel> targets =
          targets(zoo).stream().filter(t -> settings.targets(t.recipe())).toList();
      if (targets.isEmpty()) {
        throw new IllegalArgumentException(
            "No zoo architecture matches the targets "
                + settings.targetRecipes()
                + "; the zoo has "
                + targets(zoo).stream().map(ZooModel::recipe).toList()
                + ".");
      }
      progress.start("evaluate", units(targets));
      List<Comparison> comparisons = new ArrayList<>();
      for (ZooModel target : targets) {
        comparisons.addAll(evaluateTarget(target, zoo, generators, networks));
      }
      progress.finish("evaluated " + comparisons.size() + " comparisons");
      return comparisons;
    } finally {
      generators.values().forEach(GeneratorModel::close);
    }
  }

  /** The first training run of each architecture, in zoo order. */
  static List<ZooModel> targets(List<ZooModel> zoo) {
    Map<String, ZooModel> first = new LinkedHashMap<>();
    for (ZooModel model : zoo) {
      first.merge(model.recipe(), model, (a, b) -> a.run() <= b.run() ? a : b);
    }
    return List.copyOf(first.values());
  }

  /**
   * The architecture left out of {@code target}'s second bank: the next architecture after the
   * target's in sorted order (wrapping round), so every architecture is held out once.
   */
  static String heldOutFor(ZooModel target, List<ZooModel> zoo) {
    List<String> recipes = targets(zoo).stream().map(ZooModel::recipe).sorted().toList();
    if (recipes.size() < 2) {
      return null;
    }
    return recipes.get((recipes.indexOf(target.recipe()) + 1) % recipes.size());
  }

  private long units(List<ZooModel> targets) {
    long units = 0;
    for (ZooModel target : targets) {
      for (Perturbation p : settings.perturbations()) {
        if (settings.evaluates(target.recipe(), p)) {
          boolean clean = p.id().equals(Comparison.NO_PERTURBATION);
          units += settings.repetitions() * runsPerCondition(clean);
        }
      }
    }
    return units;
  }

  /** Detectors trained per (target, repetition, perturbation). */
  private long runsPerCondition(boolean clean) {
    long runs = 0;
    for (EvaluationMethod method : settings.methods()) {
      if (method == EvaluationMethod.FLIPAD) {
        runs += settings.recipes().size();
      } else if (method != EvaluationMethod.FUSION) {
        runs++;
      }
    }
    boolean heldOut =
        settings.bank()
            && settings.heldOutArchitecture()
            && settings.methods().contains(EvaluationMethod.FLIPAD);
    // The held-out-architecture detectors (FLIPAD, and RawPAD for the fusion) are trained on clean
    // images only.
    long heldOutRuns = settings.methods().contains(EvaluationMethod.RAWPAD) ? 2 : 1;
    return runs + (heldOut && clean ? heldOutRuns : 0);
  }

  private List<Comparison> evaluateTarget(
      ZooModel target,
      List<ZooModel> zoo,
      Map<String, GeneratorModel> generators,
      Map<String, String> networks) {
    GeneratorModel generator = generators.get(target.name());
    long targetSeed = settings.seed() * 1_000_003L + target.name().hashCode();
    float[] meanActivation =
        MeanActivation.estimate(
            generator.penultimateSource(targetSeed),
            MeanActivation.DEFAULT_DRAWS,
            MeanActivation.DEFAULT_BATCH);
    String heldOut =
        settings.bank() && settings.heldOutArchitecture() ? heldOutFor(target, zoo) : null;
    TargetContext context =
        new TargetContext(target, generator, meanActivation, zoo, networks, heldOut);
    List<Comparison> comparisons = new ArrayList<>();
    for (int repetition = 0; repetition < settings.repetitions(); repetition++) {
      SplittableRandom seeds = new SplittableRandom(targetSeed + 7919L * repetition);
      DrawnImages drawn = draws.draw(context, generators, seeds);
      long perturbationSeed = seeds.nextLong();
      long methodSeed = seeds.nextLong();
      for (Perturbation perturbation : settings.perturbations()) {
        if (settings.evaluates(target.recipe(), perturbation)) {
          DrawnImages images = drawn.perturbed(perturbation, perturbationSeed);
          // Apart from the repetition's seed stream, so that the fixed draws stay as they were.
          long freshBase = new SplittableRandom(methodSeed ^ perturbationSeed).nextLong();
          Function<List<ZooModel>, EpochImages> fresh =
              settings.freshDraws()
                  ? bank -> draws.laterEpochs(context, generators, bank, perturbation, freshBase)
                  : bank -> null;
          comparisons.addAll(
              conditions.evaluate(
                  context, images, perturbation.id(), repetition, methodSeed, fresh));
        }
      }
    }
    return comparisons;
  }
}
