/**
 * The assembled detectors: images → features → standardisation → DeepSAD score (or fingerprint
 * correlation) → calibrated decision; how they are trained from a generator and negatives, and the
 * detector bundle that carries one to serving time without the generator.
 *
 * <p>Owns: {@link org.flipad.core.attribution.FeatureExtractor} and FLIPAD's {@link
 * org.flipad.core.attribution.InversionFeatureExtractor} (final-layer inversion, FLIPAD.md section
 * 2), the raw and DCT extractors of the baselines, {@link
 * org.flipad.core.attribution.FeatureScaling}, {@link org.flipad.core.attribution.DeepSadDetector}
 * (one trained detector in memory), {@link org.flipad.core.attribution.DetectorTraining} and the
 * detector bundle.
 *
 * <p>Must not: implement solvers, networks or metrics (those are {@code inversion}, {@code
 * detector}, {@code eval}), choose the evaluation protocol, or import Kafka.
 */
package org.flipad.core.attribution;
