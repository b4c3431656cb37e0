package org.flipad.core.generator.architecture;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import org.flipad.core.generator.GeneratorShape;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.OutputActivation;

/**
 * A trainable generator split where FLIPAD needs it: {@link #body()} z → g(z), {@link #head()} the
 * final layer g(z) → L(g(z)), and {@link #block()} the whole z → σ(L(g(z))). All three share one
 * set of parameters, so training {@link #block()} trains the others.
 */
public interface GeneratorNetwork {

  /** Architecture id as written in bundles and on the command line, e.g. {@code dcgan}. */
  String architecture();

  /** Latent, penultimate and image shapes. */
  GeneratorShape shape();

  /** z [N, latent] → x [N, C, H, W]. */
  Block block();

  /** z [N, latent] → g(z) [N, C', H', W']. */
  Block body();

  /** g(z) → L(g(z)), before the output activation. */
  Block head();

  /** σ, applied after {@link #head()}. */
  OutputActivation activation();

  /**
   * The head as an inversion layer, weights copied from its (initialised) parameters.
   *
   * @param weight the head's weight array
   * @param biasOrNull the head's bias array, or null when it has none
   */
  FinalLayer finalLayer(NDArray weight, NDArray biasOrNull);
}
