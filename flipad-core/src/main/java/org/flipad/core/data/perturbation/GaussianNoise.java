package org.flipad.core.data.perturbation;

import java.util.Random;
import org.flipad.core.data.Image8;

/**
 * Additive Gaussian noise of standard deviation σ on the [0, 1] scale of the 8-bit image, id {@code
 * "noise<σ>"} (the reference uses σ 0.05 and 0.1).
 *
 * <p>Each value becomes {@code clamp(round((k/255 + σ·g) · 255), 0, 255)}, halves up, with {@code g
 * ~ N(0, 1)} drawn from {@code new java.util.Random(seed).nextGaussian()} in C×H×W order, so the
 * output is a pure function of the image and the seed on every JVM.
 *
 * @param sigma standard deviation on the [0, 1] scale, finite and ≥ 0
 */
public record GaussianNoise(double sigma) implements Perturbation {

  /** Validates σ. */
  public GaussianNoise {
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException(
          "Noise σ is "
              + sigma
              + " on the [0, 1] pixel scale; expected a finite value ≥ 0 such as 0.05 or 0.1.");
    }
  }

  /**
   * {@code "noise"} followed by σ without trailing zeros, e.g. {@code "noise0.05"}.
   *
   * @return the id
   */
  @Override
  public String id() {
    return "noise" + Perturbations.format(sigma);
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "Gaussian noise, σ " + sigma + " on the [0, 1] pixel scale";
  }

  /**
   * Adds seeded noise to every value.
   *
   * @param image the image
   * @param seed the seed of the noise
   * @return the noisy image, same shape
   */
  @Override
  public Image8 apply(Image8 image, long seed) {
    Random random = new Random(seed);
    byte[] in = image.pixels();
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i++) {
      double v = (in[i] & 0xFF) / 255.0 + sigma * random.nextGaussian();
      out[i] = (byte) Planes.toByte(v * 255.0);
    }
    return new Image8(image.channels(), image.height(), image.width(), out);
  }
}
