/**
 * Trainable DJL layers that generators need and DJL's PyTorch engine lacks, starting with {@link
 * org.flipad.core.generator.layer.TransposedConv2d}.
 *
 * <p>Owns: DJL {@code Block}s whose parameters keep PyTorch's layouts, so trained weights export
 * as-is to the final-layer formats of {@code org.flipad.core.inversion}.
 *
 * <p>Must not: train, sample, read or write files, or know about detectors and Kafka; NDArrays stay
 * inside DJL blocks and their callers in {@code org.flipad.core.generator}.
 */
package org.flipad.core.generator.layer;
