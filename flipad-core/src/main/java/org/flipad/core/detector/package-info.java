/**
 * The DeepSAD one-class detector of FLIPAD (FLIPAD.md sections 4 and 5): bias-free networks φ, the
 * hypersphere centre c, training with the semi-supervised DeepSAD loss, scoring s(x) = ‖φ(x) − c‖²,
 * and thresholds and p-values from held-out target scores.
 *
 * <p>Owns: {@link org.flipad.core.detector.DeepSadArchitecture} and its networks ({@link
 * org.flipad.core.detector.LeNetNetwork}, {@link org.flipad.core.detector.MlpNetwork}), {@link
 * org.flipad.core.detector.DeepSadSettings}, {@link org.flipad.core.detector.DeepSadTrainer},
 * {@link org.flipad.core.detector.DeepSadModel} (trained net + c, save and load) and {@link
 * org.flipad.core.detector.Thresholds}.
 *
 * <p>Features come in as Java arrays: one C×H×W sample is a {@code float[]} in C order, as {@link
 * org.flipad.core.feature.FeatureShape} defines; scores go out as {@code double[]}. No NDArray
 * leaves the package's public methods. Adam and autograd are those of {@code
 * org.flipad.core.generator.training} (coupled weight decay and a learning-rate scale were added
 * there for DeepSAD).
 *
 * <p>Must not: invert, post-process or standardise features (that is {@code
 * org.flipad.core.feature}), read or write files (callers pass streams), choose the evaluation
 * protocol, or import Kafka or anything from {@code org.flipad.streams}.
 */
package org.flipad.core.detector;
