package org.flipad.core.inversion;

/**
 * The generator's output non-linearity σ and its inverse σ⁻¹, used to turn an image x into the
 * target pre-activation y = σ⁻¹(x) (FLIPAD step 2.1).
 *
 * <p>Inverses clip their argument first, as the reference does, so that pixels exactly at the
 * range's ends (x = ±1 for tanh, 0 or 1 for sigmoid) map to finite values.
 */
public enum OutputActivation {
  /** tanh; inverse atanh(clip(x, −(1 − 1e-4), 1 − 1e-4)). */
  TANH,
  /** logistic sigmoid; inverse logit(clip(x, 1e-4, 1 − 1e-4)). */
  SIGMOID,
  /** identity; inverse identity. */
  IDENTITY,
  /** ReLU: not invertible, refused. */
  RELU;

  /** Clip margin of the tanh and sigmoid inverses. */
  public static final double CLIP = 1e-4;

  /**
   * σ⁻¹(x) with the reference's clipping.
   *
   * @throws IllegalArgumentException for ReLU, or when x is not finite
   */
  public double inverse(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException(
          "Pixel value "
              + x
              + " is not finite; images must hold finite values in the output range.");
    }
    switch (this) {
      case TANH:
        double t = Math.max(-1 + CLIP, Math.min(1 - CLIP, x));
        return 0.5 * Math.log((1 + t) / (1 - t));
      case SIGMOID:
        double s = Math.max(CLIP, Math.min(1 - CLIP, x));
        return Math.log(s / (1 - s));
      case IDENTITY:
        return x;
      default:
        throw reluRefusal();
    }
  }

  /** σ(y). */
  public double apply(double y) {
    switch (this) {
      case TANH:
        return Math.tanh(y);
      case SIGMOID:
        return 1 / (1 + Math.exp(-y));
      case IDENTITY:
        return y;
      default:
        return Math.max(0, y);
    }
  }

  /**
   * Refuses activations that cannot be inverted before any work starts.
   *
   * @throws IllegalArgumentException for ReLU
   */
  public OutputActivation requireInvertible() {
    if (this == RELU) {
      throw reluRefusal();
    }
    return this;
  }

  private static IllegalArgumentException reluRefusal() {
    return new IllegalArgumentException(
        "A ReLU output activation cannot be inverted: every negative pre-activation maps to 0, so"
            + " a zero pixel does not determine W·a + b. FLIPAD needs an invertible output"
            + " (tanh, sigmoid or identity); invert the layer before the ReLU instead.");
  }
}
