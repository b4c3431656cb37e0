package org.flipad.core.generator.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.flipad.core.generator.adversary.EnergyAutoencoder;

/**
 * EBGAN (Zhao et al. 2017): the energy of an image is its auto-encoder's per-pixel mean squared
 * reconstruction error E(x). The auto-encoder minimises mean(E(x)) + mean(max(0, m − E(G(z)))),
 * margin m = 1; the generator minimises mean(E(G(z))) + λ_PT·PT(S) with the pull-away term PT(S) =
 * Σ_{i≠j} (sᵢᵀsⱼ / ‖sᵢ‖‖sⱼ‖)² / (B(B − 1)) over the encoder codes S of the generated batch, λ_PT =
 * 0.1 (the reference's settings).
 */
final class EnergyMarginObjective implements GanObjective {

  static final float MARGIN = 1f;
  static final float PULL_AWAY_WEIGHT = 0.1f;

  private final EnergyAutoencoder autoencoder;

  EnergyMarginObjective(EnergyAutoencoder autoencoder) {
    this.autoencoder = autoencoder;
  }

  @Override
  public Block adversary() {
    return autoencoder.block();
  }

  @Override
  public int adversaryStepsPerGeneratorStep() {
    return 1;
  }

  @Override
  public NDArray adversaryLoss(NDArray real, NDArray fake, AdversaryStep step) {
    NDArray realEnergy = energy(real, encode(real, step.store()), step.store());
    NDArray fakeEnergy = energy(fake, encode(fake, step.store()), step.store());
    return realEnergy.mean().add(fakeEnergy.neg().add(MARGIN).maximum(0).mean());
  }

  @Override
  public NDArray generatorLoss(NDArray fake, ParameterStore store) {
    NDArray code = encode(fake, store);
    return energy(fake, code, store).mean().add(pullAway(code).mul(PULL_AWAY_WEIGHT));
  }

  private NDArray encode(NDArray images, ParameterStore store) {
    return autoencoder.encoder().forward(store, new NDList(images), true).singletonOrThrow();
  }

  /** Per-image mean squared reconstruction error [B]. */
  private NDArray energy(NDArray images, NDArray code, ParameterStore store) {
    NDArray reconstruction =
        autoencoder.decoder().forward(store, new NDList(code), true).singletonOrThrow();
    long batch = images.getShape().get(0);
    return reconstruction.sub(images).square().reshape(batch, -1).mean(new int[] {1});
  }

  /** Mean squared cosine similarity between distinct codes of the batch. */
  static NDArray pullAway(NDArray code) {
    long batch = code.getShape().get(0);
    NDArray flat = code.reshape(batch, -1);
    NDArray unit = flat.div(flat.square().sum(new int[] {1}, true).sqrt().add(1e-8f));
    NDArray similarity = unit.matMul(unit.transpose()).square();
    NDArray diagonal = unit.square().sum(new int[] {1}).square().sum();
    return similarity.sum().sub(diagonal).div((float) batch * (batch - 1));
  }
}
