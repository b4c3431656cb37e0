package org.flipad.core.generator.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * LSGAN (Mao et al. 2017) with targets a = 0 (fake), b = 1 (real), c = 1: the discriminator
 * minimises ½·mean((D(x) − 1)²) + ½·mean(D(G(z))²), the generator mean((D(G(z)) − 1)²), as in the
 * reference's {@code lsgan.py}.
 */
final class LeastSquaresObjective implements GanObjective {

  private final Block discriminator;

  LeastSquaresObjective(Block discriminator) {
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
    NDArray realScores = GanObjective.score(discriminator, step.store(), real);
    NDArray fakeScores = GanObjective.score(discriminator, step.store(), fake);
    return realScores.sub(1).square().mean().add(fakeScores.square().mean()).mul(0.5f);
  }

  @Override
  public NDArray generatorLoss(NDArray fake, ParameterStore store) {
    return GanObjective.score(discriminator, store, fake).sub(1).square().mean();
  }
}
