package org.flipad.core.detector;

import org.flipad.core.generator.training.AdamSettings;

/**
 * One DeepSAD training run (FLIPAD.md section 4).
 *
 * @param architecture the network φ
 * @param epochs passes over the training data, ≥ 1
 * @param batchSize samples per Adam step, ≥ 2 (BatchNorm needs two)
 * @param milestoneEpoch epochs 1…m (counted from 1) use α, later epochs 0.1·α ({@code
 *     MultiStepLR(milestones=[m], gamma=0.1)}); m ≥ 1, and m ≥ epochs never drops
 * @param adam Adam's α, β, ε and coupled weight decay λ
 * @param eta η &gt; 0, the weight of the labelled samples' loss
 * @param epsilon ε &gt; 0 in (d + ε)^ỹ, guarding the −1 power
 * @param seed fixes the initial weights and the data order of every epoch
 */
public record DeepSadSettings(
    DeepSadArchitecture architecture,
    int epochs,
    int batchSize,
    int milestoneEpoch,
    AdamSettings adam,
    double eta,
    double epsilon,
    long seed) {

  /** The learning-rate factor from the milestone epoch on. */
  public static final float MILESTONE_FACTOR = 0.1f;

  /** Validates the counts and the loss constants. */
  public DeepSadSettings {
    requireAtLeast("Epochs", epochs, 1, "");
    requireAtLeast("Batch size", batchSize, 2, " (BatchNorm needs two samples)");
    requireAtLeast("Milestone epoch", milestoneEpoch, 1, "");
    if (architecture == null || adam == null) {
      throw new IllegalArgumentException(
          "DeepSAD settings need an architecture and Adam settings; got "
              + architecture
              + " and "
              + adam
              + ". Start from DeepSadSettings.defaults(seed).");
    }
    requirePositive("eta", eta);
    requirePositive("epsilon", epsilon);
  }

  /**
   * The paper's recipe: LeNet, 50 epochs, batch 128, Adam α 5e-4, β (0.9, 0.999), ε 1e-8, coupled
   * weight decay 5e-7, α × 0.1 after epoch 25, η 1, ε 1e-6.
   */
  public static DeepSadSettings defaults(long seed) {
    AdamSettings adam = new AdamSettings(5e-4f, 0.9f, 0.999f, 1e-8f, 5e-7f);
    return new DeepSadSettings(DeepSadArchitecture.LENET, 50, 128, 25, adam, 1, 1e-6, seed);
  }

  /** The batch size of {@link #forFeatures}. */
  public static final int FEATURE_BATCH = 32;

  /**
   * The recipe this project trains every detector with, served ones and evaluated ones alike: the
   * paper's, for {@code epochs} epochs with α × 0.1 after half of them, in batches of 32 rather
   * than the paper's 128 — a few thousand samples give too few Adam steps at 128 (measured in
   * docs/results.md: RawPAD AUROC 0.70 at batch 128 vs 0.80 at 32).
   */
  public static DeepSadSettings forFeatures(long seed, int epochs) {
    return defaults(seed).withEpochs(epochs, Math.max(1, epochs / 2)).withBatchSize(FEATURE_BATCH);
  }

  /** A copy with another network. */
  public DeepSadSettings withArchitecture(DeepSadArchitecture newArchitecture) {
    return new DeepSadSettings(
        newArchitecture, epochs, batchSize, milestoneEpoch, adam, eta, epsilon, seed);
  }

  /** A copy with another number of epochs and milestone epoch. */
  public DeepSadSettings withEpochs(int newEpochs, int newMilestoneEpoch) {
    return new DeepSadSettings(
        architecture, newEpochs, batchSize, newMilestoneEpoch, adam, eta, epsilon, seed);
  }

  /** A copy with another batch size. */
  public DeepSadSettings withBatchSize(int newBatchSize) {
    return new DeepSadSettings(
        architecture, epochs, newBatchSize, milestoneEpoch, adam, eta, epsilon, seed);
  }

  /** A copy with other Adam settings. */
  public DeepSadSettings withAdam(AdamSettings newAdam) {
    return new DeepSadSettings(
        architecture, epochs, batchSize, milestoneEpoch, newAdam, eta, epsilon, seed);
  }

  /** A copy with another seed. */
  public DeepSadSettings withSeed(long newSeed) {
    return new DeepSadSettings(
        architecture, epochs, batchSize, milestoneEpoch, adam, eta, epsilon, newSeed);
  }

  /** The learning-rate scale of epoch {@code epoch} (0-based): 1 before the milestone, else 0.1. */
  public float learningRateScale(int epoch) {
    return epoch < milestoneEpoch ? 1f : MILESTONE_FACTOR;
  }

  private static void requireAtLeast(String name, int value, int minimum, String why) {
    if (value < minimum) {
      throw new IllegalArgumentException(
          name + " is " + value + "; expected at least " + minimum + why + ".");
    }
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "DeepSAD " + name + " is " + value + "; expected a finite value above 0.");
    }
  }
}
