/**
 * Benchmarks of the inversion engine on synthetic problems: random final layers scaled like a
 * trained DCGAN's, images drawn through them, and every solver run on the same problems in one run
 * so that ratios are comparable on a noisy shared machine.
 *
 * <p>Must not: be used by the product's serving path, print (results are records; front ends format
 * them), or assert speed (speed is reported, never tested).
 */
package org.flipad.core.benchmark;
