package org.flipad.core.eval;

import java.util.List;
import org.flipad.core.data.Image8;

/**
 * A FLIPAD detector's training images for each epoch after the first, drawn afresh ({@code
 * --fresh-draws}): the target and the bank's generators sampled again, real images drawn again from
 * the training pool, perturbed as the condition's training images are.
 */
@FunctionalInterface
interface EpochImages {

  /**
   * @param epoch ≥ 1
   * @return that epoch's target and negative training images
   */
  Training draw(int epoch);

  /**
   * One epoch's training images.
   *
   * @param targets the target's images
   * @param negatives the negatives, real and from the bank
   */
  record Training(List<Image8> targets, List<Image8> negatives) {}
}
