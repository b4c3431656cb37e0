package org.flipad.core.data.perturbation;

import org.flipad.core.data.Image8;

/**
 * Gaussian blur of every channel with a {@code kernelSize × kernelSize} kernel of standard
 * deviation σ px, id {@code "blur"} for the reference's kernel 3, σ 3.
 *
 * <p>The 2-D kernel is the outer product of {@link SeparableFilter#gaussianKernel(int, double)}
 * with itself and is applied separably in double precision; the result is rounded half up once and
 * clamped to 0..255. Deviation: edge pixels are replicated (clamp-to-edge), whereas torchvision's
 * {@code GaussianBlur} pads by reflection; only the one-pixel border differs.
 *
 * @param kernelSize odd kernel side ≥ 1
 * @param sigma standard deviation in pixels, &gt; 0
 */
public record GaussianBlur(int kernelSize, double sigma) implements Perturbation {

  /** Validates the kernel size and σ. */
  public GaussianBlur {
    SeparableFilter.gaussianKernel(kernelSize, sigma);
  }

  /**
   * The reference blur: kernel 3, σ 3.
   *
   * @return {@code new GaussianBlur(3, 3.0)}
   */
  public static GaussianBlur defaults() {
    return new GaussianBlur(3, 3.0);
  }

  /**
   * This blur with another σ.
   *
   * @param newSigma standard deviation in pixels, &gt; 0
   * @return a new blur
   */
  public GaussianBlur withSigma(double newSigma) {
    return new GaussianBlur(kernelSize, newSigma);
  }

  /**
   * {@code "blur"} for the defaults, otherwise {@code "blur<k>s<σ>"}, e.g. {@code "blur5s1.5"}.
   *
   * @return the id
   */
  @Override
  public String id() {
    return equals(defaults()) ? "blur" : "blur" + kernelSize + "s" + Perturbations.format(sigma);
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "Gaussian blur, kernel " + kernelSize + "×" + kernelSize + ", σ " + sigma + " px";
  }

  /**
   * Blurs every channel.
   *
   * @param image the image
   * @param seed ignored (the blur is deterministic)
   * @return the blurred image, same shape
   */
  @Override
  public Image8 apply(Image8 image, long seed) {
    double[] kernel = SeparableFilter.gaussianKernel(kernelSize, sigma);
    byte[] out = new byte[image.pixels().length];
    for (int c = 0; c < image.channels(); c++) {
      double[] plane = Planes.channel(image, c);
      Planes.store(SeparableFilter.apply(plane, image.height(), image.width(), kernel), out, c);
    }
    return new Image8(image.channels(), image.height(), image.width(), out);
  }
}
