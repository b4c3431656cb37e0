package org.flipad.core.data.perturbation;

import org.flipad.core.data.Image8;

/**
 * Centre crop of a fraction of each side, then bilinear resize back to the original size, id {@code
 * "crop"} for the default fraction 24/28.
 *
 * <p>The crop is {@code ch = max(1, round(H · fraction))} rows by {@code cw = max(1, round(W ·
 * fraction))} columns starting at row {@code (H − ch) / 2} and column {@code (W − cw) / 2} (integer
 * division). The reference crops 60 or 55 of 64 px (fraction 60/64 or 55/64); 24/28 is the same
 * share for 28×28 images.
 *
 * <p>Interpolation: bilinear with half-pixel centres ({@code align_corners = false}, as PyTorch and
 * torchvision's tensor resize): output pixel {@code y} samples the crop at {@code (y + 0.5) · ch/H
 * − 0.5}, clamped to the crop, and likewise for columns; no antialiasing (the resize enlarges). The
 * result is rounded half up and clamped to 0..255.
 *
 * @param fraction share of each side kept, in (0, 1]
 */
public record CentreCropResize(double fraction) implements Perturbation {

  /** The default fraction, 24/28 (the reference's 60/64 crop scaled to 28×28 images). */
  public static final double DEFAULT_FRACTION = 24.0 / 28.0;

  /** Validates the fraction. */
  public CentreCropResize {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "Crop fraction is "
              + fraction
              + "; expected a share of each side in (0, 1], e.g. 24/28 ≈ 0.857 or 60/64.");
    }
  }

  /**
   * The default crop, fraction 24/28.
   *
   * @return {@code new CentreCropResize(DEFAULT_FRACTION)}
   */
  public static CentreCropResize defaults() {
    return new CentreCropResize(DEFAULT_FRACTION);
  }

  /**
   * {@code "crop"} for the default fraction, otherwise {@code "crop<fraction>"}, e.g. {@code
   * "crop0.9375"}.
   *
   * @return the id
   */
  @Override
  public String id() {
    return fraction == DEFAULT_FRACTION ? "crop" : "crop" + Perturbations.format(fraction);
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "centre crop of " + fraction + " of each side, bilinear resize back";
  }

  /**
   * Crops the centre and resizes it back.
   *
   * @param image the image
   * @param seed ignored (the crop is deterministic)
   * @return the image at its original size
   */
  @Override
  public Image8 apply(Image8 image, long seed) {
    int h = image.height();
    int w = image.width();
    int ch = (int) Math.max(1, Math.round(h * fraction));
    int cw = (int) Math.max(1, Math.round(w * fraction));
    byte[] out = new byte[image.pixels().length];
    for (int c = 0; c < image.channels(); c++) {
      double[] crop = crop(Planes.channel(image, c), h, w, ch, cw);
      Planes.store(resize(crop, ch, cw, h, w), out, c);
    }
    return new Image8(image.channels(), h, w, out);
  }

  /** The centred {@code ch × cw} window of an {@code h × w} plane. */
  private static double[] crop(double[] plane, int h, int w, int ch, int cw) {
    int top = (h - ch) / 2;
    int left = (w - cw) / 2;
    double[] crop = new double[ch * cw];
    for (int y = 0; y < ch; y++) {
      System.arraycopy(plane, (top + y) * w + left, crop, y * cw, cw);
    }
    return crop;
  }

  /** Bilinear resize of an {@code sh × sw} plane to {@code h × w}, half-pixel centres. */
  private static double[] resize(double[] src, int sh, int sw, int h, int w) {
    double[] out = new double[h * w];
    for (int y = 0; y < h; y++) {
      double sy = source(y, h, sh);
      int y0 = (int) sy;
      int y1 = Math.min(y0 + 1, sh - 1);
      double dy = sy - y0;
      for (int x = 0; x < w; x++) {
        double sx = source(x, w, sw);
        int x0 = (int) sx;
        int x1 = Math.min(x0 + 1, sw - 1);
        double dx = sx - x0;
        double upper = (1 - dx) * src[y0 * sw + x0] + dx * src[y0 * sw + x1];
        double lower = (1 - dx) * src[y1 * sw + x0] + dx * src[y1 * sw + x1];
        out[y * w + x] = (1 - dy) * upper + dy * lower;
      }
    }
    return out;
  }

  /** Source coordinate sampled by output index {@code i}: half-pixel centres, clamped. */
  private static double source(int i, int outSize, int srcSize) {
    double s = (i + 0.5) * srcSize / outSize - 0.5;
    return Math.max(0, Math.min(srcSize - 1, s));
  }
}
