/**
 * The baselines FLIPAD is compared with (FLIPAD.md §6): the per-image feature maps of RawPAD and
 * DCTPAD, and the Marra-style fingerprint detector.
 *
 * <p>Owns: {@link org.flipad.core.baseline.RawFeatures} (pixels in [−1, 1]), {@link
 * org.flipad.core.baseline.DctFeatures} (log-magnitude of the orthonormal 2-D DCT-II per channel,
 * via {@link org.flipad.core.baseline.Dct2}), {@link org.flipad.core.baseline.NoiseResidual} (the
 * zero-mean high-pass residual of an image's grey plane) and {@link
 * org.flipad.core.baseline.Fingerprint} (mean target residual, scored by normalised correlation;
 * needs no negatives).
 *
 * <p>Must not: import Kafka or DJL (it works on Java arrays and {@link
 * org.flipad.core.data.Image8}); train DeepSAD or standardise features (the caller does both, over
 * both classes for DCTPAD and not at all for RawPAD); choose thresholds (see {@code
 * org.flipad.core.detector.Thresholds}).
 */
package org.flipad.core.baseline;
