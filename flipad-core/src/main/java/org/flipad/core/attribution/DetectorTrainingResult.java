package org.flipad.core.attribution;

import java.time.Duration;

/**
 * A trained, calibrated detector.
 *
 * @param detector the detector; the caller owns and closes it
 * @param epochLosses DeepSAD's mean loss per epoch
 * @param time DeepSAD's training time
 */
public record DetectorTrainingResult(
    DeepSadDetector detector, double[] epochLosses, Duration time) {}
