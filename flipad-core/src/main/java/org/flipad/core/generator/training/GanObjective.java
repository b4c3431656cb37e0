package org.flipad.core.generator.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * What the adversary and the generator minimise, and against which network. Losses are scalars
 * built while graph recording is on; the training loop runs the backward passes and Adam steps.
 */
interface GanObjective {

  /** The network trained against the generator (discriminator, critic or auto-encoder). */
  Block adversary();

  /** Adversary updates per generator update (5 for WGAN-GP, otherwise 1). */
  int adversaryStepsPerGeneratorStep();

  /**
   * The adversary's loss on a real and a generated batch.
   *
   * @param real [B, 1, 28, 28] in [−1, 1]
   * @param fake [B, 1, 28, 28] generated, without a graph back to the generator
   */
  NDArray adversaryLoss(NDArray real, NDArray fake, AdversaryStep step);

  /**
   * The generator's loss on a generated batch.
   *
   * @param fake [B, 1, 28, 28] with its graph back to the generator's parameters
   */
  NDArray generatorLoss(NDArray fake, ParameterStore store);

  /** The adversary's output for a batch, in training mode. */
  static NDArray score(Block network, ParameterStore store, NDArray images) {
    return network.forward(store, new NDList(images), true).singletonOrThrow();
  }
}
