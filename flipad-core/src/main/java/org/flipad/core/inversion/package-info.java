/**
 * Final-layer inversion, the first step of FLIPAD: final layers as linear operators, output
 * activations and their inverses, the lasso {@code δ̂ = argmin ½‖W·δ − r‖² + λ‖δ‖₁} and two solvers
 * for it, each returning a duality-gap certificate.
 *
 * <p>Owns: {@link org.flipad.core.inversion.FinalLayer} and its kinds, {@link
 * org.flipad.core.inversion.OutputActivation}, {@link org.flipad.core.inversion.LassoSolver} with
 * {@link org.flipad.core.inversion.FistaSolver} (DJL, batched, GPU when present) and {@link
 * org.flipad.core.inversion.WorkingSetSolver} (plain Java, double precision), and {@link
 * org.flipad.core.inversion.FinalLayerInverter}, which turns images into penultimate activations.
 *
 * <p>Must not: know about generators' training, detectors, Kafka or files. NDArrays never leave
 * this package: callers pass and receive Java arrays.
 */
package org.flipad.core.inversion;
