package org.flipad.core.generator.training;

/**
 * Adam (Kingma and Ba 2015) with bias correction, no weight decay.
 *
 * @param learningRate step size α &gt; 0
 * @param beta1 first-moment decay in [0, 1)
 * @param beta2 second-moment decay in [0, 1)
 * @param epsilon denominator guard &gt; 0
 */
public record AdamSettings(float learningRate, float beta1, float beta2, float epsilon) {

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
  }

  /** DCGAN's setting, used by the whole zoo: α 2e-4, β (0.5, 0.999), ε 1e-8. */
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
