package org.flipad.core.generator.training;

/**
 * Losses of one generator step.
 *
 * @param adversary the adversary's loss at its last update of the step
 * @param generator the generator's loss
 */
public record StepLosses(float adversary, float generator) {}
