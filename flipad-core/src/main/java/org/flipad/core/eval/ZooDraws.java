package org.flipad.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flipad.core.attribution.NegativeAllocation;
import org.flipad.core.data.Image8;
import org.flipad.core.data.RealImageSource;
import org.flipad.core.data.perturbation.Perturbation;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;

/**
 * The images of the evaluation protocol: each repetition's target, negative, validation and test
 * draws, and the fresh training draws of later epochs. Every draw derives from the seeds it is
 * given, so a run repeated with the same settings sees the same images.
 */
final class ZooDraws {

  private final EvaluationSettings settings;
  private final RealImageSource realTrain;
  private final RealImageSource realTest;

  /**
   * @param settings sizes and whether the bank is used
   * @param realTrain the real images negatives are drawn from
   * @param realTest the real images tested against (disjoint from {@code realTrain})
   */
  ZooDraws(EvaluationSettings settings, RealImageSource realTrain, RealImageSource realTest) {
    this.settings = settings;
    this.realTrain = realTrain;
    this.realTest = realTest;
  }

  DrawnImages draw(
      TargetContext context, Map<String, GeneratorModel> generators, SplittableRandom seeds) {
    GeneratorImageSource target =
        new GeneratorImageSource(context.target().name(), context.generator());
    int n = settings.trainPerClass();
    List<Image8> targetTrain = target.draw(n, seeds.nextLong());
    List<Image8> validation = target.draw(settings.validation(), seeds.nextLong());
    List<Image8> targetTest = target.draw(settings.testPerSource(), seeds.nextLong());
    long realSeed = seeds.nextLong();
    long bankSeed = seeds.nextLong();
    List<Image8> negatives =
        settings.bank()
            ? negatives(context.bank(), generators, n, realSeed, bankSeed)
            : realTrain.draw(n, realSeed);
    List<Image8> heldOutTrain =
        context.heldOut() == null
            ? List.of()
            : negatives(context.bankWithoutHeldOut(), generators, n, realSeed, bankSeed);
    Map<String, List<Image8>> tests = new LinkedHashMap<>();
    tests.put(realTest.name(), realTest.draw(settings.testPerSource(), seeds.nextLong()));
    for (ZooModel other : context.others()) {
      GeneratorImageSource source =
          new GeneratorImageSource(other.name(), generators.get(other.name()));
      tests.put(other.name(), source.draw(settings.testPerSource(), seeds.nextLong()));
    }
    return new DrawnImages(targetTrain, negatives, heldOutTrain, validation, targetTest, tests);
  }

  /**
   * Fresh training images for a FLIPAD detector's epochs after the first: the target and {@code
   * bank}'s generators drawn again and real images drawn again from the training pool (the tests
   * come from the test pool, so none is ever trained on), perturbed as the condition's training
   * images are. Epoch e's draws derive from {@code base + e} alone.
   */
  EpochImages laterEpochs(
      TargetContext context,
      Map<String, GeneratorModel> generators,
      List<ZooModel> bank,
      Perturbation perturbation,
      long base) {
    GeneratorImageSource target =
        new GeneratorImageSource(context.target().name(), context.generator());
    int n = settings.trainPerClass();
    boolean clean = perturbation.id().equals(Comparison.NO_PERTURBATION);
    return epoch -> {
      SplittableRandom seeds = new SplittableRandom(base + epoch);
      List<Image8> targets = target.draw(n, seeds.nextLong());
      long realSeed = seeds.nextLong();
      long bankSeed = seeds.nextLong();
      List<Image8> negatives =
          settings.bank()
              ? negatives(bank, generators, n, realSeed, bankSeed)
              : realTrain.draw(n, realSeed);
      if (clean) {
        return new EpochImages.Training(targets, negatives);
      }
      long perturbationSeed = seeds.nextLong();
      return new EpochImages.Training(
          DrawnImages.apply(perturbation, targets, perturbationSeed + 1),
          DrawnImages.apply(perturbation, negatives, perturbationSeed + 2));
    };
  }

  /**
   * n negative training images: half real, half shared evenly by the bank's generators (as {@code
   * flipad train-detector} draws them). Each generator's draw depends only on its name and the
   * seed, so the held-out-architecture bank reuses the main bank's images where they coincide.
   * Training samples of a generator come from a seed stream disjoint from its test samples.
   */
  private List<Image8> negatives(
      List<ZooModel> bank,
      Map<String, GeneratorModel> generators,
      int n,
      long realSeed,
      long bankSeed) {
    List<Double> weights = new ArrayList<>();
    weights.add(1.0);
    bank.forEach(m -> weights.add(1.0 / bank.size()));
    int[] counts = NegativeAllocation.counts(weights, n);
    List<Image8> negatives = new ArrayList<>(realTrain.draw(counts[0], realSeed));
    for (int i = 0; i < bank.size(); i++) {
      ZooModel model = bank.get(i);
      if (counts[i + 1] > 0) {
        GeneratorImageSource source =
            new GeneratorImageSource(model.name(), generators.get(model.name()));
        negatives.addAll(source.draw(counts[i + 1], bankSeed + model.name().hashCode()));
      }
    }
    return negatives;
  }
}
