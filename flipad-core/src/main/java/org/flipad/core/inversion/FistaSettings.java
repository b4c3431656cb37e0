package org.flipad.core.inversion;

import org.flipad.core.compute.DeviceChoice;

/**
 * Settings of {@link FistaSolver}.
 *
 * @param mode CERTIFIED (step 1/L, adaptive restart, stop on the duality gap) or REFERENCE (the
 *     official schedule: fixed step, no restart, stop on the iterate change)
 * @param step fixed step η; NaN means 1/L with L = ‖W‖₂² (the largest step FISTA allows)
 * @param maxIterations iteration cap K
 * @param tolerance CERTIFIED: relative duality gap that stops a sample (default 1e-4; float32
 *     iterates cannot certify much below that)
 * @param changeTolerance REFERENCE: a sample stops when its mean |δ_k − δ_{k+1}| is at or below
 *     this (default 1e-5)
 * @param gapCheckInterval CERTIFIED: iterations between duality-gap checks (each costs one forward
 *     and one adjoint in float64)
 * @param precision FLOAT32 (as the reference) or FLOAT64 iterates
 * @param device AUTO picks the GPU when one is present
 */
public record FistaSettings(
    Mode mode,
    double step,
    int maxIterations,
    double tolerance,
    double changeTolerance,
    int gapCheckInterval,
    Precision precision,
    DeviceChoice device) {

  /** Which schedule. */
  public enum Mode {
    CERTIFIED,
    REFERENCE
  }

  /** Iterate precision. */
  public enum Precision {
    FLOAT32,
    FLOAT64
  }

  /** Validates every field. */
  public FistaSettings {
    WorkingSetSettings.require(mode != null, "mode", mode, "CERTIFIED or REFERENCE");
    WorkingSetSettings.require(
        Double.isNaN(step) || (step > 0 && Double.isFinite(step)),
        "step",
        step,
        "> 0, or NaN for 1/L");
    WorkingSetSettings.require(maxIterations >= 1, "maxIterations", maxIterations, "≥ 1");
    WorkingSetSettings.require(tolerance > 0 && tolerance < 1, "tolerance", tolerance, "in (0, 1)");
    WorkingSetSettings.require(changeTolerance >= 0, "changeTolerance", changeTolerance, "≥ 0");
    WorkingSetSettings.require(gapCheckInterval >= 1, "gapCheckInterval", gapCheckInterval, "≥ 1");
    WorkingSetSettings.require(precision != null, "precision", precision, "FLOAT32 or FLOAT64");
    WorkingSetSettings.require(device != null, "device", device, "AUTO, CPU or GPU");
  }

  /**
   * Certified FISTA: step 1/L, adaptive restart, gap 1e-4 checked every 10 iterations, cap 20,000.
   */
  public static FistaSettings defaults() {
    return new FistaSettings(
        Mode.CERTIFIED, Double.NaN, 20_000, 1e-4, 1e-5, 10, Precision.FLOAT32, DeviceChoice.AUTO);
  }

  /** The official schedule: η = 0.025, K = 10,000, change tolerance 1e-5, float32. */
  public static FistaSettings reference() {
    return new FistaSettings(
        Mode.REFERENCE, 0.025, 10_000, 1e-4, 1e-5, 10, Precision.FLOAT32, DeviceChoice.AUTO);
  }

  /** With another step (NaN for 1/L). */
  public FistaSettings withStep(double value) {
    return new FistaSettings(
        mode,
        value,
        maxIterations,
        tolerance,
        changeTolerance,
        gapCheckInterval,
        precision,
        device);
  }

  /** With another iteration cap. */
  public FistaSettings withMaxIterations(int value) {
    return new FistaSettings(
        mode, step, value, tolerance, changeTolerance, gapCheckInterval, precision, device);
  }

  /** With another gap tolerance. */
  public FistaSettings withTolerance(double value) {
    return new FistaSettings(
        mode, step, maxIterations, value, changeTolerance, gapCheckInterval, precision, device);
  }

  /** With another precision. */
  public FistaSettings withPrecision(Precision value) {
    return new FistaSettings(
        mode, step, maxIterations, tolerance, changeTolerance, gapCheckInterval, value, device);
  }

  /** With another device choice. */
  public FistaSettings withDevice(DeviceChoice value) {
    return new FistaSettings(
        mode, step, maxIterations, tolerance, changeTolerance, gapCheckInterval, precision, value);
  }

  /** With another iterate-change tolerance (the reference schedule's stop rule). */
  public FistaSettings withChangeTolerance(double value) {
    return new FistaSettings(
        mode, step, maxIterations, tolerance, value, gapCheckInterval, precision, device);
  }

  /** With another gap-check interval. */
  public FistaSettings withGapCheckInterval(int value) {
    return new FistaSettings(
        mode, step, maxIterations, tolerance, changeTolerance, value, precision, device);
  }
}
