package org.flipad.core.feature;

/**
 * Settings of the per-element standardisation z = (x − μ)/(σ + ε).
 *
 * @param epsilon ε, added to σ so that elements with no spread in the target do not divide by zero;
 *     finite and positive, {@link #DEFAULT_EPSILON} in the reference implementation
 */
public record StandardiserSettings(double epsilon) {

  /** ε = 0.05, the value of the FLIPAD reference implementation (FLIPAD.md section 3 step 2). */
  public static final double DEFAULT_EPSILON = 0.05;

  /** Validates that ε is finite and positive. */
  public StandardiserSettings {
    if (!Double.isFinite(epsilon) || epsilon <= 0) {
      throw new IllegalArgumentException(
          String.format(
              "Standardiser epsilon is %s; expected a finite value > 0 (default %s) so that "
                  + "(σ + ε) never divides by zero. Use StandardiserSettings.defaults() "
                  + "or a small positive value.",
              epsilon, DEFAULT_EPSILON));
    }
  }

  /** Returns the reference settings: ε = {@value #DEFAULT_EPSILON}. */
  public static StandardiserSettings defaults() {
    return new StandardiserSettings(DEFAULT_EPSILON);
  }

  /** Returns a copy with ε replaced. */
  public StandardiserSettings withEpsilon(double newEpsilon) {
    return new StandardiserSettings(newEpsilon);
  }
}
