package org.flipad.core.generator.training;

import java.nio.file.Path;

/**
 * One finished epoch.
 *
 * @param epoch 1-based
 * @param adversaryLoss mean over the epoch's steps
 * @param generatorLoss mean over the epoch's steps
 * @param imagesPerSecond real images consumed per second of wall time
 * @param sampleGrid the 8×8 PNG of the fixed probe codes after this epoch
 */
public record EpochSummary(
    int epoch,
    double adversaryLoss,
    double generatorLoss,
    double imagesPerSecond,
    Path sampleGrid) {}
