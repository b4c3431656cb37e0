package org.flipad.core.inversion;

/**
 * What final-layer inversion needs to know about one generator.
 *
 * @param layer the final layer L(a) = W·a + b
 * @param activation the output activation σ (must be invertible)
 * @param meanActivation ā, [inputShape().size()] float32, the mean penultimate activation
 * @param lambda λ of the lasso (the paper: 5e-4 for GANs)
 */
public record InversionSpec(
    FinalLayer layer, OutputActivation activation, float[] meanActivation, double lambda) {

  /** Validates that σ is invertible, ā matches the layer's input and λ is positive. */
  public InversionSpec {
    activation.requireInvertible();
    int p = layer.inputShape().size();
    if (meanActivation.length != p) {
      throw new IllegalArgumentException(
          "Mean activation ā has "
              + meanActivation.length
              + " values; the final layer's input "
              + layer.inputShape()
              + " has "
              + p
              + ". Recompute ā for this generator.");
    }
    LayerChecks.requireFinite("Mean activation ā", meanActivation);
    if (!(lambda > 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException(
          "Lasso penalty λ must be positive and finite, got " + lambda + ". The paper uses 5e-4.");
    }
  }
}
