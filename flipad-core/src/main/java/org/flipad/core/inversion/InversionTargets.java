package org.flipad.core.inversion;

/**
 * Turns images into lasso targets r = σ⁻¹(x) − (W·ā + b) (FLIPAD steps 2.1 and 2.3): the bias and
 * the mean activation's output are removed here, so solvers only see W.
 */
public final class InversionTargets {

  private final InversionSpec spec;
  private final double[] meanOutput;
  private final TargetRule rule;

  /** Precomputes W·ā + b for {@code spec}; targets follow the reference rule. */
  public InversionTargets(InversionSpec spec) {
    this(spec, TargetRule.REFERENCE);
  }

  /** Precomputes W·ā + b for {@code spec}; targets follow {@code rule}. */
  public InversionTargets(InversionSpec spec, TargetRule rule) {
    this.spec = spec;
    this.rule = rule;
    double[] aBar = new double[spec.meanActivation().length];
    for (int j = 0; j < aBar.length; j++) {
      aBar[j] = spec.meanActivation()[j];
    }
    this.meanOutput = spec.layer().apply(aBar);
  }

  /**
   * Targets of a batch.
   *
   * @param images [N][outputShape().size()] float32 in σ's range (tanh: [−1, 1]; ±1 is clipped)
   * @return [N][outputShape().size()] double
   * @throws IllegalArgumentException naming the image and index of a wrong length or non-finite
   *     pixel
   */
  public double[][] of(float[][] images) {
    double[][] targets = new double[images.length][];
    for (int n = 0; n < images.length; n++) {
      targets[n] = of(n, images[n]);
    }
    return targets;
  }

  private double[] of(int n, float[] image) {
    if (image.length != meanOutput.length) {
      throw new IllegalArgumentException(
          "Image "
              + n
              + " has "
              + image.length
              + " values; the generator's output "
              + spec.layer().outputShape()
              + " has "
              + meanOutput.length
              + ". Resize the image to the generator's output or pick the matching layer.");
    }
    double[] r = new double[image.length];
    for (int i = 0; i < image.length; i++) {
      if (!Float.isFinite(image[i])) {
        throw new IllegalArgumentException(
            "Image "
                + n
                + " holds a non-finite value ("
                + image[i]
                + ") at index "
                + i
                + ". Images must be finite; check the decoder.");
      }
      r[i] = rule.target(spec.activation(), image[i], meanOutput[i]) - meanOutput[i];
    }
    return r;
  }
}
