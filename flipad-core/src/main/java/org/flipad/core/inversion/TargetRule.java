package org.flipad.core.inversion;

/**
 * How an 8-bit image becomes the lasso's target pre-activation y.
 *
 * <p>Why a second rule: an 8-bit pixel k only says that the generator's output x lay within half a
 * quantisation step of k's value, and σ⁻¹ stretches that step without bound near the ends of the
 * range. On Fashion-MNIST about half the pixels are pure black (k = 0), where {@link #REFERENCE}
 * sets y = atanh(−1 + 1e-4) ≈ −4.95 although any y below atanh(−1 + 1/255) ≈ −3.1 gives the same
 * pixel; the lasso then spends its budget on fitting an arbitrary value. {@link
 * #QUANTISATION_INTERVAL} uses the value in the pixel's interval closest to the mean activation's
 * output L(ā), so r = y − L(ā) is zero wherever L(ā) already explains the pixel.
 */
public enum TargetRule {
  /** y = σ⁻¹(clip(x, ±(1 − 1e-4))), the reference implementation's rule. */
  REFERENCE,
  /**
   * y = clamp(L(ā)ᵢ, σ⁻¹(x − h), σ⁻¹(x + h)) with h half an 8-bit step in σ's range (1/255 for tanh
   * and identity, 0.5/255 for sigmoid) and σ⁻¹ of the range's ends = ±∞.
   */
  QUANTISATION_INTERVAL;

  /**
   * The target pre-activation of one pixel.
   *
   * @param activation σ
   * @param x the pixel in σ's range
   * @param meanOutput L(ā) at this pixel
   */
  double target(OutputActivation activation, double x, double meanOutput) {
    if (this == REFERENCE) {
      return activation.inverse(x);
    }
    double half = activation == OutputActivation.SIGMOID ? 0.5 / 255 : 1.0 / 255;
    double low = edge(activation, x - half);
    double high = edge(activation, x + half);
    return Math.max(low, Math.min(high, meanOutput));
  }

  private static double edge(OutputActivation activation, double x) {
    switch (activation) {
      case TANH:
        if (x <= -1 || x >= 1) {
          return x < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return 0.5 * Math.log((1 + x) / (1 - x));
      case SIGMOID:
        if (x <= 0 || x >= 1) {
          return x <= 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Math.log(x / (1 - x));
      default:
        return activation.inverse(x);
    }
  }
}
