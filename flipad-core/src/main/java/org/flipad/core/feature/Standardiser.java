package org.flipad.core.feature;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-element standardisation z = (x − μ)/(σ + ε) with the target's training mean μ and unbiased
 * standard deviation σ (FLIPAD.md section 3 step 2). Immutable; arrays are copied in and out.
 *
 * <p>Arithmetic is in double and rounded once to float32, so outputs are deterministic and
 * identical after a JSON round trip (doubles are written in their shortest exact form).
 *
 * @param shape the C×H×W of the samples it applies to
 * @param sampleCount n, the number of target samples μ and σ were computed from, at least 2
 * @param epsilon ε, finite and positive (see {@link StandardiserSettings})
 * @param mean μ, [C·H·W] float64 in C order, finite
 * @param std σ, [C·H·W] float64 in C order, finite and non-negative
 */
public record Standardiser(
    FeatureShape shape, long sampleCount, double epsilon, double[] mean, double[] std) {

  /** Validates the parameters and copies the arrays. */
  public Standardiser {
    Objects.requireNonNull(shape, "shape");
    new StandardiserSettings(epsilon); // validates ε with the settings' message
    if (sampleCount < 2) {
      throw new IllegalArgumentException(
          "Standardiser sample count is " + sampleCount + "; σ is unbiased and needs at least 2.");
    }
    mean = requireParameters("mean μ", mean, shape, false);
    std = requireParameters("standard deviation σ", std, shape, true);
  }

  /** Returns μ, [C·H·W] float64, a copy. */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /** Returns σ, [C·H·W] float64, a copy. */
  @Override
  public double[] std() {
    return std.clone();
  }

  /**
   * Standardises one sample.
   *
   * @param sample x, [C, H, W] float32 in C order, finite
   * @return z = (x − μ)/(σ + ε), [C, H, W] float32, a new array
   */
  public float[] apply(float[] sample) {
    FeatureChecks.requireSample(shape, sample, "Sample to standardise");
    float[] z = new float[sample.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) ((sample[i] - mean[i]) / (std[i] + epsilon));
    }
    return z;
  }

  /**
   * Undoes {@link #apply}: x = z·(σ + ε) + μ, exact up to float32 rounding.
   *
   * @param standardised z, [C, H, W] float32 in C order, finite
   * @return x, [C, H, W] float32, a new array
   */
  public float[] inverse(float[] standardised) {
    FeatureChecks.requireSample(shape, standardised, "Standardised sample to invert");
    float[] x = new float[standardised.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (standardised[i] * (std[i] + epsilon) + mean[i]);
    }
    return x;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Standardiser s
        && shape.equals(s.shape)
        && sampleCount == s.sampleCount
        && Double.compare(epsilon, s.epsilon) == 0
        && Arrays.equals(mean, s.mean)
        && Arrays.equals(std, s.std);
  }

  @Override
  public int hashCode() {
    int hash = Objects.hash(shape, sampleCount, epsilon);
    return 31 * (31 * hash + Arrays.hashCode(mean)) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return String.format(
        "Standardiser[shape=%s, sampleCount=%d, epsilon=%s]", shape, sampleCount, epsilon);
  }

  private static double[] requireParameters(
      String name, double[] values, FeatureShape shape, boolean nonNegative) {
    Objects.requireNonNull(values, name);
    if (values.length != shape.size()) {
      throw new IllegalArgumentException(
          String.format(
              "Standardiser %s has %d values; expected %d, one per element of %s. "
                  + "Refit the standardiser on features of that shape.",
              name, values.length, shape.size(), shape));
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i]) || (nonNegative && values[i] < 0)) {
        throw new IllegalArgumentException(
            String.format(
                "Standardiser %s is %s at index %d (%s); expected a finite%s value. "
                    + "The parameters are corrupt: refit or reload them.",
                name,
                values[i],
                i,
                FeatureChecks.position(shape, i),
                nonNegative ? ", non-negative" : ""));
      }
    }
    return values.clone();
  }
}
