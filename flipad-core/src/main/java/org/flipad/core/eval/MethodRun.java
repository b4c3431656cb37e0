package org.flipad.core.eval;

import java.util.List;
import java.util.Map;
import org.flipad.core.attribution.InversionRecipe;
import org.flipad.core.data.Image8;

/**
 * One method trained and tested for one target, repetition, perturbation and bank.
 *
 * @param context the target
 * @param method the method
 * @param recipe FLIPAD's inversion recipe, or null for the other methods
 * @param perturbation the perturbation's id ("none" for clean data)
 * @param repetition the repetition index, from 0
 * @param images the (perturbed) training, validation and test images
 * @param negatives the negative training images of this detector
 * @param tests the sources this detector is tested on, with their groups
 * @param laterEpochs fresh training images for every epoch after the first, or null to train on
 *     {@code images}' every epoch
 */
record MethodRun(
    TargetContext context,
    EvaluationMethod method,
    InversionRecipe recipe,
    String perturbation,
    int repetition,
    DrawnImages images,
    List<Image8> negatives,
    Map<String, SourceGroup> tests,
    EpochImages laterEpochs) {

  /** A run that trains on the same images every epoch. */
  MethodRun(
      TargetContext context,
      EvaluationMethod method,
      InversionRecipe recipe,
      String perturbation,
      int repetition,
      DrawnImages images,
      List<Image8> negatives,
      Map<String, SourceGroup> tests) {
    this(context, method, recipe, perturbation, repetition, images, negatives, tests, null);
  }

  /** The method's name in reports: "flipad-min-norm" for FLIPAD, else the method's id. */
  String methodId() {
    return recipe == null ? method.id() : method.id() + "-" + recipe.id();
  }
}
