package org.flipad.core.generator.training;

import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;

/**
 * What an adversary loss may need beyond the two batches.
 *
 * @param store parameter access for forward passes
 * @param adversaryParameters the adversary's parameters, whose gradients a loss that runs its own
 *     backward pass (the gradient penalty) must clear
 * @param random this step's seeded stream (interpolation weights)
 */
record AdversaryStep(
    ParameterStore store, AdamParameters adversaryParameters, SplittableRandom random) {}
