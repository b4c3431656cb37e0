package org.flipad.core.data;

import java.util.List;

/** Where test or training images of one source come from: a generator, or real photographs. */
public interface ImageSource {

  /** The source's name in reports, e.g. "real" or "lsgan-seed2". */
  String name();

  /**
   * Draws images; the same seed gives the same images.
   *
   * @param count how many, ≥ 1
   * @param seed selects the latent codes or the real images
   * @return {@code count} 8-bit images
   */
  List<Image8> draw(int count, long seed);
}
