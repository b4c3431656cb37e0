/**
 * Generator architectures built from DJL blocks, split so that the penultimate activation g(z) and
 * the final layer are separately reachable, and the owners that sample from them and export their
 * final layer as an {@code org.flipad.core.inversion.FinalLayer}.
 *
 * <p>Must not: invert, score, train (training arrives with the generator-zoo issue) or know about
 * Kafka. No NDArray leaves this package: owners take and return Java arrays.
 */
package org.flipad.core.generator.architecture;
