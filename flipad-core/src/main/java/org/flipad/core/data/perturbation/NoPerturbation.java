package org.flipad.core.data.perturbation;

import org.flipad.core.data.Image8;

/** The identity, id {@code "none"}: the clean baseline of the perturbation experiments. */
public record NoPerturbation() implements Perturbation {

  /** The id of the identity. */
  public static final String ID = "none";

  /** {@inheritDoc} */
  @Override
  public String id() {
    return ID;
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "no perturbation";
  }

  /**
   * Returns the image itself, since {@link Image8} is treated as read-only.
   *
   * @param image the image
   * @param seed ignored
   * @return {@code image}
   */
  @Override
  public Image8 apply(Image8 image, long seed) {
    return image;
  }
}
