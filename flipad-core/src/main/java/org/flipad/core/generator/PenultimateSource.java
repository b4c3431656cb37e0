package org.flipad.core.generator;

import org.flipad.core.inversion.TensorShape;

/**
 * Draws penultimate activations g(z) for fresh noise z ~ N(0, I). Implementations own a seeded
 * random stream, so a sequence of calls is reproducible for a seed.
 */
public interface PenultimateSource {

  /** Per-sample shape of g(z). */
  TensorShape shape();

  /**
   * Draws the next {@code count} activations.
   *
   * @return [count][shape().size()] float32, C order
   */
  float[][] next(int count);
}
