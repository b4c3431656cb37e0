/**
 * Image perturbations for the "immunised" setting of the paper (FLIPAD.md §5): JPEG compression,
 * Gaussian blur, centre crop with resize back, and Gaussian noise, applied alike to training,
 * validation and test images.
 *
 * <p>Owns: the {@link org.flipad.core.data.perturbation.Perturbation} role and its implementations,
 * their stable ids ({@code none}, {@code jpeg90}, {@code blur}, {@code crop}, {@code noise0.05},
 * ...), parsing of id lists and the standard set ({@link
 * org.flipad.core.data.perturbation.Perturbations}), and the edge-clamped separable filter they
 * share ({@link org.flipad.core.data.perturbation.SeparableFilter}).
 *
 * <p>Every perturbation maps an 8-bit {@link org.flipad.core.data.Image8} (1 or 3 channels, any
 * size) to a new image of the same shape and is a pure function of the image and the seed passed to
 * it. Unlike its parent package, this package does resize images (the crop perturbation), but only
 * back to the size they came in with.
 *
 * <p>Must not: import Kafka or DJL; draw randomness from anything but the seed argument; read
 * configuration or files; change an image's channel count or size.
 */
package org.flipad.core.data.perturbation;
