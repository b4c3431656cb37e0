package org.flipad.core.generator.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * DCGAN (Radford et al. 2016): the discriminator minimises binary cross-entropy with logits, −log
 * D(x) − log(1 − D(G(z))); the generator minimises the non-saturating −log D(G(z)). Computed from
 * logits l as softplus(−l) and softplus(l), with softplus(t) = max(t, 0) + log(1 + e^−|t|) so large
 * logits do not overflow.
 */
final class NonSaturatingObjective implements GanObjective {

  private final Block discriminator;

  NonSaturatingObjective(Block discriminator) {
    this.discriminator = discriminator;
  }

  @Override
  public Block adversary() {
    return discriminator;
  }

  @Override
  public int adversaryStepsPerGeneratorStep() {
    return 1;
  }

  @Override
  public NDArray adversaryLoss(NDArray real, NDArray fake, AdversaryStep step) {
    NDArray realLogits = GanObjective.score(discriminator, step.store(), real);
    NDArray fakeLogits = GanObjective.score(discriminator, step.store(), fake);
    return softplus(realLogits.neg()).mean().add(softplus(fakeLogits).mean());
  }

  @Override
  public NDArray generatorLoss(NDArray fake, ParameterStore store) {
    return softplus(GanObjective.score(discriminator, store, fake).neg()).mean();
  }

  private static NDArray softplus(NDArray t) {
    return t.maximum(0).add(t.abs().neg().exp().add(1).log());
  }
}
