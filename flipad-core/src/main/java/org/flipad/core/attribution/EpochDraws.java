package org.flipad.core.attribution;

/**
 * Fresh training features for each epoch after the first: new draws of the target and of the bank's
 * generators, inverted like the first epoch's. A generator gives as many samples as are asked for,
 * and a detector that sees each sample once learns the generators rather than the samples: at equal
 * DeepSAD work, four times the distinct images in a quarter of the epochs refused another run of
 * the target's own network three times as often.
 */
@FunctionalInterface
public interface EpochDraws {

  /**
   * The raw (unscaled) training features of one epoch.
   *
   * @param epoch ≥ 1
   * @return the target's rows and the negatives' rows
   */
  Rows draw(int epoch);

  /**
   * One epoch's training features.
   *
   * @param targets the target's rows, ≥ 2
   * @param negatives the other sources' rows, ≥ 1
   */
  record Rows(float[][] targets, float[][] negatives) {}
}
