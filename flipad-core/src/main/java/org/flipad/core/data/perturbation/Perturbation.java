package org.flipad.core.data.perturbation;

import org.flipad.core.data.Image8;

/**
 * One image perturbation of the "immunised" setting: a deterministic map from an 8-bit image and a
 * seed to a perturbed 8-bit image of the same shape.
 */
public sealed interface Perturbation
    permits NoPerturbation, JpegCompression, GaussianBlur, CentreCropResize, GaussianNoise {

  /**
   * The stable id used in lists, reports and bundles, for example {@code "jpeg90"} or {@code
   * "noise0.05"}; {@link Perturbations#parse(String)} maps it back to an equal perturbation.
   *
   * @return a short lower-case id without commas or spaces
   */
  String id();

  /**
   * A one-line human-readable description with the parameters, for reports.
   *
   * @return for example "JPEG compression at quality 90"
   */
  String description();

  /**
   * Applies the perturbation.
   *
   * @param image the 8-bit image, 1 or 3 channels, any size; not modified
   * @param seed the seed of any randomness; perturbations without randomness ignore it
   * @return an image with the same channels, height and width
   */
  Image8 apply(Image8 image, long seed);
}
