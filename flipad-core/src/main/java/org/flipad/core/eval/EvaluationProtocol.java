package org.flipad.core.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.data.Image8;
import org.flipad.core.data.RealImageSource;
import org.flipad.core.data.perturbation.Perturbation;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.generator.MeanActivation;
import org.flipad.core.progress.ProgressListener;

/**
 * The paper's protocol on a zoo (FLIPAD.md section 5): for each recipe's first training run as the
 * target, and each repetition, draw target and real training images, target validation images, and
 * balanced test sets of the target against real test images, the other recipes' first runs
 * ("different architectures") and the target recipe's other runs ("same architecture"); then, for
 * each perturbation (applied to every set alike) and each method, train, calibrate and score.
 */
public final class EvaluationProtocol {

  private final EvaluationSettings settings;
  private final RealImageSource realTrain;
  private final RealImageSource realTest;
  private final MethodRunner runner;
  private final ProgressListener progress;
  private long done;

  /**
   * @param settings sizes, methods, perturbations and seed
   * @param realTrain the real images negatives are drawn from
   * @param realTest the real images tested against (disjoint from {@code realTrain})
   * @param runner trains and scores one method
   * @param progress receives one unit per (target, repetition, perturbation, method)
   */
  public EvaluationProtocol(
      EvaluationSettings settings,
      RealImageSource realTrain,
      RealImageSource realTest,
      MethodRunner runner,
      ProgressListener progress) {
    this.settings = settings;
    this.realTrain = realTrain;
    this.realTest = realTest;
    this.runner = runner;
    this.progress = progress;
  }

  /**
   * Runs the protocol.
   *
   * @param zoo the generator bundles; the lowest run of each recipe is a target
   * @return one comparison per (target, repetition, perturbation, method, source)
   * @throws IOException when a bundle cannot be read
   */
  public List<Comparison> run(List<ZooModel> zoo) throws IOException {
    Map<String, GeneratorModel> generators = new LinkedHashMap<>();
    try {
      for (ZooModel model : zoo) {
        generators.put(model.name(), GeneratorBundles.read(model.directory()).load());
      }
      List<ZooModel> targets =
          targets(zoo).stream().filter(t -> settings.targets(t.recipe())).toList();
      if (targets.isEmpty()) {
        throw new IllegalArgumentException(
            "No zoo recipe matches the targets "
                + settings.targetRecipes()
                + "; the zoo has "
                + targets(zoo).stream().map(ZooModel::recipe).toList()
                + ".");
      }
      progress.start("evaluate", units(targets));
      List<Comparison> comparisons = new ArrayList<>();
      for (ZooModel target : targets) {
        comparisons.addAll(evaluateTarget(target, zoo, generators));
      }
      progress.finish("evaluated " + comparisons.size() + " comparisons");
      return comparisons;
    } finally {
      generators.values().forEach(GeneratorModel::close);
    }
  }

  /** The first training run of each recipe, in zoo order. */
  static List<ZooModel> targets(List<ZooModel> zoo) {
    Map<String, ZooModel> first = new LinkedHashMap<>();
    for (ZooModel model : zoo) {
      first.merge(model.recipe(), model, (a, b) -> a.run() <= b.run() ? a : b);
    }
    return List.copyOf(first.values());
  }

  private long units(List<ZooModel> targets) {
    long units = 0;
    for (ZooModel target : targets) {
      for (Perturbation p : settings.perturbations()) {
        if (settings.evaluates(target.recipe(), p)) {
          units += (long) settings.repetitions() * settings.methods().size();
        }
      }
    }
    return units;
  }

  private List<Comparison> evaluateTarget(
      ZooModel target, List<ZooModel> zoo, Map<String, GeneratorModel> generators) {
    GeneratorModel generator = generators.get(target.name());
    long targetSeed = settings.seed() * 1_000_003L + target.name().hashCode();
    float[] meanActivation =
        MeanActivation.estimate(
            generator.penultimateSource(targetSeed),
            MeanActivation.DEFAULT_DRAWS,
            MeanActivation.DEFAULT_BATCH);
    TargetContext context = new TargetContext(target, generator, meanActivation, zoo);
    List<Comparison> comparisons = new ArrayList<>();
    for (int repetition = 0; repetition < settings.repetitions(); repetition++) {
      SplittableRandom seeds = new SplittableRandom(targetSeed + 7919L * repetition);
      DrawnImages drawn = draw(context, generators, seeds);
      long perturbationSeed = seeds.nextLong();
      for (Perturbation perturbation : settings.perturbations()) {
        if (!settings.evaluates(target.recipe(), perturbation)) {
          continue;
        }
        DrawnImages images = drawn.perturbed(perturbation, perturbationSeed);
        for (EvaluationMethod method : settings.methods()) {
          String step =
              String.format(
                  "%s rep %d %s %s", target.name(), repetition + 1, perturbation.id(), method.id());
          progress.advance(done, step);
          MethodRun run = new MethodRun(context, method, perturbation.id(), repetition, images);
          long seed = seeds.nextLong();
          comparisons.addAll(
              runner.run(run, seed, detail -> progress.advance(done, step + ": " + detail)));
          progress.advance(++done, step);
        }
      }
    }
    return comparisons;
  }

  private DrawnImages draw(
      TargetContext context, Map<String, GeneratorModel> generators, SplittableRandom seeds) {
    GeneratorImageSource target =
        new GeneratorImageSource(context.target().name(), context.generator());
    List<Image8> targetTrain = target.draw(settings.trainPerClass(), seeds.nextLong());
    List<Image8> realTraining = realTrain.draw(settings.trainPerClass(), seeds.nextLong());
    List<Image8> validation = target.draw(settings.validation(), seeds.nextLong());
    List<Image8> targetTest = target.draw(settings.testPerSource(), seeds.nextLong());
    Map<String, List<Image8>> tests = new LinkedHashMap<>();
    tests.put(realTest.name(), realTest.draw(settings.testPerSource(), seeds.nextLong()));
    for (ZooModel other : context.others()) {
      GeneratorImageSource source =
          new GeneratorImageSource(other.name(), generators.get(other.name()));
      tests.put(other.name(), source.draw(settings.testPerSource(), seeds.nextLong()));
    }
    return new DrawnImages(targetTrain, realTraining, validation, targetTest, tests);
  }
}
