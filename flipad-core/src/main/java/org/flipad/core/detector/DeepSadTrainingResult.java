package org.flipad.core.detector;

import java.time.Duration;

/**
 * The outcome of {@link DeepSadTrainer#train}.
 *
 * @param model the trained detector; the caller owns it and must close it
 * @param epochLosses the mean loss of each epoch, in order
 * @param time wall time of the whole training, centre included
 */
public record DeepSadTrainingResult(DeepSadModel model, double[] epochLosses, Duration time) {}
