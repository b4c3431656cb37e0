package org.flipad.core.generator;

import org.flipad.core.data.ColorMode;
import org.flipad.core.inversion.TensorShape;

/**
 * The tensor shapes a generator works with.
 *
 * @param latentSize length of z ≥ 1 (z ~ N(0, I))
 * @param penultimate per-sample shape of g(z), the final layer's input
 * @param image per-sample shape of x = σ(L(g(z))), C × H × W
 */
public record GeneratorShape(int latentSize, TensorShape penultimate, TensorShape image) {

  /** Validates the latent size and that the image has 1 (grey) or 3 (RGB) channels. */
  public GeneratorShape {
    if (latentSize < 1) {
      throw new IllegalArgumentException(
          "Latent size is " + latentSize + "; a generator needs z of length at least 1.");
    }
    if (image.channels() != 1 && image.channels() != 3) {
      throw new IllegalArgumentException(
          "Generator images have "
              + image.channels()
              + " channels; only 1 (grey) or 3 (RGB) can be read and written as images.");
    }
  }

  /** Grey for one channel, RGB for three. */
  public ColorMode colorMode() {
    return image.channels() == 1 ? ColorMode.GRAYSCALE : ColorMode.RGB;
  }
}
