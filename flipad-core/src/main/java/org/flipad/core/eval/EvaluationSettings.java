package org.flipad.core.eval;

import java.util.List;
import org.flipad.core.attribution.InversionSettings;
import org.flipad.core.data.perturbation.Perturbation;

/**
 * The sizes and choices of one {@code flipad evaluate} run.
 *
 * @param trainPerClass target and real training images per detector (paper: 10,000 each)
 * @param validation held-out target images for the thresholds (paper: 1,000)
 * @param testPerSource test images per source, the target's included (paper: 1,000)
 * @param repetitions repetitions with fresh samples and seeds (paper: 5)
 * @param deepSadEpochs DeepSAD epochs (paper: 50); the learning rate drops × 0.1 at half of them
 * @param methods the methods compared
 * @param perturbations the perturbations ("none" first for the clean tables)
 * @param targetRecipes recipes evaluated as targets (empty: every recipe of the zoo)
 * @param perturbedTargets recipes whose detectors are also evaluated under perturbations (empty:
 *     all targets)
 * @param inversion FLIPAD's λ and solver settings
 * @param seed the root seed of every draw and network
 */
public record EvaluationSettings(
    int trainPerClass,
    int validation,
    int testPerSource,
    int repetitions,
    int deepSadEpochs,
    List<EvaluationMethod> methods,
    List<Perturbation> perturbations,
    List<String> targetRecipes,
    List<String> perturbedTargets,
    InversionSettings inversion,
    long seed) {

  /** Validates the counts. */
  public EvaluationSettings {
    if (trainPerClass < 2 || validation < 1 || testPerSource < 1 || repetitions < 1) {
      throw new IllegalArgumentException(
          String.format(
              "Evaluation needs train ≥ 2, validation ≥ 1, test ≥ 1 and repetitions ≥ 1; got"
                  + " %d, %d, %d, %d.",
              trainPerClass, validation, testPerSource, repetitions));
    }
    if (deepSadEpochs < 1 || methods.isEmpty() || perturbations.isEmpty()) {
      throw new IllegalArgumentException(
          "Evaluation needs ≥ 1 DeepSAD epoch, ≥ 1 method and ≥ 1 perturbation (\"none\" for"
              + " clean data).");
    }
    methods = List.copyOf(methods);
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
}
