package org.flipad.core.inversion;

/**
 * One image's recovered penultimate activation and how it was obtained.
 *
 * @param activation â = ā + δ̂, [inputShape().size()] float32, C order
 * @param objective P(δ̂) = ½‖W·δ̂ − r‖² + λ‖δ̂‖₁
 * @param certificate the duality-gap certificate, double precision
 * @param iterations solver iterations (FISTA) or epochs (coordinate descent)
 * @param nanos solve time for this image (batched solvers: shared batch clock)
 * @param stopReason why the solver stopped
 * @param solver the solver's name
 */
public record RecoveredActivation(
    float[] activation,
    double objective,
    DualityCertificate certificate,
    int iterations,
    long nanos,
    StopReason stopReason,
    String solver) {}
