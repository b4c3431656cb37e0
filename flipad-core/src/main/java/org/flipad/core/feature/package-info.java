/**
 * Feature post-processing between the final-layer inversion and the DeepSAD detector (FLIPAD.md
 * section 3): optional 2×2 max-pool, per-element standardisation with the target's μ and unbiased
 * σ, and selection of the channels where target and other source differ most.
 *
 * <p>Owns: {@link org.flipad.core.feature.FeatureShape}, the stages ({@link
 * org.flipad.core.feature.MaxPool2x2}, {@link org.flipad.core.feature.Standardiser}, {@link
 * org.flipad.core.feature.ChannelSelection}), their streaming fitters, the composed {@link
 * org.flipad.core.feature.FeaturePipeline} and its JSON form.
 *
 * <p>A feature sample is one C×H×W float32 tensor held as a {@code float[]} of C·H·W values in C
 * order (channel-major: index = (c·H + h)·W + w). Batches are [N, C, H, W] flattened the same way.
 *
 * <p>Must not: use DJL or any native code (plain Java, deterministic, no threads); hold more than
 * O(C·H·W) state while fitting, whatever the number of samples; read files or know where features
 * come from (callers pass {@code Iterable<float[]>}); import Kafka or anything from {@code
 * org.flipad.streams}; train or score the detector (that is {@code org.flipad.core.detector}).
 */
package org.flipad.core.feature;
