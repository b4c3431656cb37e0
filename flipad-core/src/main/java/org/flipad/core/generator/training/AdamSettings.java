package org.flipad.core.generator.training;

/**
 * Adam (Kingma and Ba 2015) with bias correction and optional coupled weight decay.
 *
 * @param learningRate step size α &gt; 0
 * @param beta1 first-moment decay in [0, 1)
 * @param beta2 second-moment decay in [0, 1)
 * @param epsilon denominator guard &gt; 0
 * @param weightDecay coupled L2 coefficient λ ≥ 0: λθ is added to the gradient before the moments,
 *     as {@code torch.optim.Adam(weight_decay=λ)} (not AdamW's decoupled decay); 0 for the GANs
 */
public record AdamSettings(
    float learningRate, float beta1, float beta2, float epsilon, float weightDecay) {

  /** Validates the ranges. */
  public AdamSettings {
    if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
      throw new IllegalArgumentException(
          "Adam learning rate is " + learningRate + "; expected a finite value above 0.");
    }
    requireDecay("beta1", beta1);
    requireDecay("beta2", beta2);
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("Adam epsilon is " + epsilon + "; expected above 0.");
    }
    if (!(weightDecay >= 0) || !Float.isFinite(weightDecay)) {
      throw new IllegalArgumentException(
          "Adam weight decay is " + weightDecay + "; expected a finite value of at least 0.");
    }
  }

  /** Adam without weight decay. */
  public AdamSettings(float learningRate, float beta1, float beta2, float epsilon) {
    this(learningRate, beta1, beta2, epsilon, 0f);
  }

  /** A copy with the coupled weight decay λ replaced. */
  public AdamSettings withWeightDecay(float newWeightDecay) {
    return new AdamSettings(learningRate, beta1, beta2, epsilon, newWeightDecay);
  }

  /** A copy with the learning rate α replaced. */
  public AdamSettings withLearningRate(float newLearningRate) {
    return new AdamSettings(newLearningRate, beta1, beta2, epsilon, weightDecay);
  }

  /** DCGAN's setting, used by the whole zoo: α 2e-4, β (0.5, 0.999), ε 1e-8, no weight decay. */
  public static AdamSettings dcgan() {
    return new AdamSettings(2e-4f, 0.5f, 0.999f, 1e-8f);
  }

  private static void requireDecay(String name, float value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(
          "Adam " + name + " is " + value + "; expected a value in [0, 1).");
    }
  }
}
