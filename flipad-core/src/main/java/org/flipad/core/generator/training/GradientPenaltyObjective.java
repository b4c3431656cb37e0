package org.flipad.core.generator.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * WGAN-GP (Gulrajani et al. 2017, Algorithm 1): the critic minimises mean(D(G(z))) − mean(D(x)) +
 * λ·mean((‖∇_x̂ D(x̂)‖₂ − 1)²) with x̂ = εx + (1 − ε)G(z), ε ~ U[0, 1) per image, λ = 10; the
 * generator minimises −mean(D(G(z))); five critic steps per generator step.
 *
 * <p>The penalty is the real second-order gradient: ∇_x̂ D(x̂) is computed by a backward pass that
 * keeps and records its graph ({@link Autograd#inputGradientWithGraph}), so the critic's backward
 * differentiates through it (PyTorch's {@code autograd.grad(..., create_graph=True)}). That first
 * pass also leaves dΣD(x̂)/dθ in the critic's gradients, which are cleared before the loss is
 * returned.
 */
final class GradientPenaltyObjective implements GanObjective {

  /** λ, the penalty weight. */
  static final float PENALTY_WEIGHT = 10f;

  static final int CRITIC_STEPS = 5;

  private final Block critic;

  GradientPenaltyObjective(Block critic) {
    this.critic = critic;
  }

  @Override
  public Block adversary() {
    return critic;
  }

  @Override
  public int adversaryStepsPerGeneratorStep() {
    return CRITIC_STEPS;
  }

  @Override
  public NDArray adversaryLoss(NDArray real, NDArray fake, AdversaryStep step) {
    NDArray penalty = gradientPenalty(real, fake, step);
    NDArray realScores = GanObjective.score(critic, step.store(), real);
    NDArray fakeScores = GanObjective.score(critic, step.store(), fake);
    return fakeScores.mean().sub(realScores.mean()).add(penalty.mul(PENALTY_WEIGHT));
  }

  /** mean((‖∇_x̂ D(x̂)‖₂ − 1)²), differentiable with respect to the critic's parameters. */
  NDArray gradientPenalty(NDArray real, NDArray fake, AdversaryStep step) {
    long batch = real.getShape().get(0);
    float[] weights = new float[Math.toIntExact(batch)];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) step.random().nextDouble();
    }
    NDArray epsilon = real.getManager().create(weights, new Shape(batch, 1, 1, 1));
    NDArray interpolated = real.mul(epsilon).add(fake.mul(epsilon.neg().add(1))).stopGradient();
    interpolated.setRequiresGradient(true);
    NDArray scores = GanObjective.score(critic, step.store(), interpolated);
    NDArray gradient = Autograd.inputGradientWithGraph(scores, interpolated);
    step.adversaryParameters().zeroGradients();
    NDArray norms = gradient.reshape(batch, -1).square().sum(new int[] {1}).sqrt();
    return norms.sub(1).square().mean();
  }

  @Override
  public NDArray generatorLoss(NDArray fake, ParameterStore store) {
    return GanObjective.score(critic, store, fake).mean().neg();
  }
}
