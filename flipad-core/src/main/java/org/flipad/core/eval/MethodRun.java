package org.flipad.core.eval;

/**
 * One method trained and tested for one target, repetition and perturbation.
 *
 * @param context the target
 * @param method the method
 * @param perturbation the perturbation's id ("none" for clean data)
 * @param repetition the repetition index, from 0
 * @param images the (perturbed) training, validation and test images
 */
record MethodRun(
    TargetContext context,
    EvaluationMethod method,
    String perturbation,
    int repetition,
    DrawnImages images) {}
