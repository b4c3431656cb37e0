/**
 * Generators as FLIPAD sees them: sources of penultimate activations g(z) and the mean activation ā
 * estimated from them. Architectures live in {@code architecture}, trainable layers in {@code
 * layer}, generators imported from PyTorch as TorchScript in {@code imported}; training arrives
 * with the generator-zoo issue.
 *
 * <p>Must not: invert, score or know about Kafka.
 */
package org.flipad.core.generator;
