package org.flipad.core.generator.training;

/**
 * One finished epoch.
 *
 * @param epoch 1-based
 * @param adversaryLoss mean over the epoch's steps
 * @param generatorLoss mean over the epoch's steps
 * @param imagesPerSecond real images consumed per second of wall time
 * @param seconds wall time of the epoch, sample grid and checkpoint included
 * @param sampleGrid the 8×8 PNG of the fixed probe codes after this epoch, relative to the training
 *     directory
 */
public record EpochSummary(
    int epoch,
    double adversaryLoss,
    double generatorLoss,
    double imagesPerSecond,
    double seconds,
    String sampleGrid) {}
