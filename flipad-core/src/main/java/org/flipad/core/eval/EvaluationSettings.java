package org.flipad.core.eval;

import java.util.List;
import org.flipad.core.attribution.InversionRecipe;
import org.flipad.core.data.perturbation.Perturbation;
import org.flipad.core.detector.DeepSadArchitecture;

/**
 * The sizes and choices of one {@code flipad evaluate} run.
 *
 * @param trainPerClass target training images per detector, and negative training images over the
 *     bank (paper: 10,000 each)
 * @param validation held-out target images for the thresholds (paper: 1,000)
 * @param testPerSource test images per source, the target's included (paper: 1,000)
 * @param repetitions repetitions with fresh samples and seeds (paper: 5)
 * @param deepSadEpochs DeepSAD epochs (paper: 50); the learning rate drops × 0.1 at half of them
 * @param methods the methods compared; {@link EvaluationMethod#FLIPAD} runs once per recipe
 * @param recipes FLIPAD's inversion recipes; the first is the product's, used by the fusion and the
 *     held-out-architecture detector
 * @param network DeepSAD's network for FLIPAD features (the baselines use {@code lenet})
 * @param batchSize DeepSAD's batch size
 * @param bank whether negatives are real images plus the bank of other generators (the product's
 *     protocol) or real images only (the paper's)
 * @param heldOutArchitecture whether each target also gets a detector whose bank leaves one
 *     architecture out, tested on that architecture
 * @param perturbations the perturbations ("none" first for the clean tables)
 * @param targetRecipes zoo architectures evaluated as targets (empty: every one)
 * @param perturbedTargets architectures whose detectors are also evaluated under perturbations
 *     (empty: all targets)
 * @param seed the root seed of every draw and network
 * @param freshDraws FLIPAD detectors train on fresh draws of their training images in every epoch
 *     after the first ({@code flipad train-detector --fresh-draws})
 */
public record EvaluationSettings(
    int trainPerClass,
    int validation,
    int testPerSource,
    int repetitions,
    int deepSadEpochs,
    List<EvaluationMethod> methods,
    List<InversionRecipe> recipes,
    DeepSadArchitecture network,
    int batchSize,
    boolean bank,
    boolean heldOutArchitecture,
    List<Perturbation> perturbations,
    List<String> targetRecipes,
    List<String> perturbedTargets,
    long seed,
    boolean freshDraws) {

  /** Validates the counts. */
  public EvaluationSettings {
    if (trainPerClass < 2 || validation < 1 || testPerSource < 1 || repetitions < 1) {
      throw new IllegalArgumentException(
          String.format(
              "Evaluation needs train ≥ 2, validation ≥ 1, test ≥ 1 and repetitions ≥ 1; got"
                  + " %d, %d, %d, %d.",
              trainPerClass, validation, testPerSource, repetitions));
    }
    if (deepSadEpochs < 1 || methods.isEmpty() || perturbations.isEmpty() || batchSize < 2) {
      throw new IllegalArgumentException(
          "Evaluation needs ≥ 1 DeepSAD epoch, a batch of ≥ 2, ≥ 1 method and ≥ 1 perturbation"
              + " (\"none\" for clean data).");
    }
    if (methods.contains(EvaluationMethod.FLIPAD) && recipes.isEmpty()) {
      throw new IllegalArgumentException(
          "FLIPAD is evaluated but no inversion recipe was given; pass e.g. min-norm,paper.");
    }
    methods = List.copyOf(methods);
    recipes = List.copyOf(recipes);
    perturbations = List.copyOf(perturbations);
    targetRecipes = List.copyOf(targetRecipes);
    perturbedTargets = List.copyOf(perturbedTargets);
  }

  /** Whether {@code recipe}'s first run is evaluated as a target. */
  public boolean targets(String recipe) {
    return targetRecipes.isEmpty() || targetRecipes.contains(recipe);
  }

  /** Whether the detectors of {@code recipe} are evaluated under {@code perturbation}. */
  public boolean evaluates(String recipe, Perturbation perturbation) {
    return perturbation.id().equals(Comparison.NO_PERTURBATION)
        || perturbedTargets.isEmpty()
        || perturbedTargets.contains(recipe);
  }

  /** The product's recipe: the first of {@link #recipes()}. */
  public InversionRecipe mainRecipe() {
    return recipes.get(0);
  }
}
