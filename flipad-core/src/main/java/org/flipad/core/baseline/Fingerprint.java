package org.flipad.core.baseline;

import java.util.List;
import org.flipad.core.data.Image8;

/**
 * A Marra-style generator fingerprint: the mean {@link NoiseResidual} of target images, normalised
 * to zero mean and unit L2 norm, and the detector built on it.
 *
 * <p>{@code f = m − mean(m)} over {@code ‖m − mean(m)‖₂} with {@code m = (1/N) Σ_i r_i}; an image
 * with residual {@code r} has correlation {@code ρ = ⟨r − mean(r), f⟩ / ‖r − mean(r)‖₂} (Pearson)
 * and score {@code s = 1 − ρ} ∈ [0, 2], so a higher score means "less like the target" and {@code s
 * > τ} ⇒ not from the target, as for every detector of the project. It needs no negatives.
 * Instances are immutable and thread-safe.
 */
public final class Fingerprint {

  private final double[] values;
  private final int height;
  private final int width;

  private Fingerprint(double[] values, int height, int width) {
    this.values = normalised(values, height, width);
    this.height = height;
    this.width = width;
  }

  /**
   * Fits the fingerprint to target images.
   *
   * @param targetImages at least one image, all of one height and width (channels may differ)
   * @return the normalised mean residual
   * @throws IllegalArgumentException when the list is empty, sizes differ, or the mean residual is
   *     zero (images without any high-frequency content, e.g. constants)
   */
  public static Fingerprint fit(List<Image8> targetImages) {
    if (targetImages.isEmpty()) {
      throw new IllegalArgumentException(
          "No target images to fit a fingerprint on; pass at least one (the reference uses"
              + " thousands).");
    }
    Image8 first = targetImages.get(0);
    double[] sum = new double[first.area()];
    for (Image8 image : targetImages) {
      requireSize(image, first.height(), first.width(), "Target image");
      double[] r = NoiseResidual.of(image);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += r[i];
      }
    }
    return new Fingerprint(sum, first.height(), first.width());
  }

  /**
   * Restores a saved fingerprint, normalising it again (zero mean, unit norm).
   *
   * @param values {@code [H, W]} float32, row-major, as from {@link #toArray()}
   * @param height rows H
   * @param width columns W
   * @return the fingerprint
   * @throws IllegalArgumentException when the length is not H·W or the values are all equal
   */
  public static Fingerprint of(float[] values, int height, int width) {
    if (height < 1 || width < 1 || values.length != height * width) {
      throw new IllegalArgumentException(
          "Fingerprint has "
              + values.length
              + " values for "
              + height
              + "×"
              + width
              + "; expected H·W values, row-major, as written by toArray().");
    }
    double[] copy = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i];
    }
    return new Fingerprint(copy, height, width);
  }

  /**
   * The fingerprint values for saving.
   *
   * @return {@code [H, W]} float32, row-major, zero mean, unit L2 norm (up to float rounding)
   */
  public float[] toArray() {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /** Rows H of the fingerprint. */
  public int height() {
    return height;
  }

  /** Columns W of the fingerprint. */
  public int width() {
    return width;
  }

  /**
   * The normalised (Pearson) correlation of an image's residual with the fingerprint.
   *
   * @param image an image of the fingerprint's height and width
   * @return ρ ∈ [−1, 1]; 0 when the residual is constant (a flat image)
   * @throws IllegalArgumentException when the size differs from the fingerprint's
   */
  public double correlation(Image8 image) {
    requireSize(image, height, width, "Image");
    double[] r = NoiseResidual.of(image);
    double mean = 0;
    for (double v : r) {
      mean += v;
    }
    mean /= r.length;
    double dot = 0;
    double norm = 0;
    for (int i = 0; i < r.length; i++) {
      dot += (r[i] - mean) * values[i];
      norm += (r[i] - mean) * (r[i] - mean);
    }
    return norm == 0 ? 0 : dot / Math.sqrt(norm);
  }

  /**
   * The detector score {@code 1 − ρ}: higher means less like the target.
   *
   * @param image an image of the fingerprint's height and width
   * @return the score in [0, 2]
   */
  public double score(Image8 image) {
    return 1 - correlation(image);
  }

  /**
   * Scores many images.
   *
   * @param images images of the fingerprint's height and width
   * @return one {@link #score(Image8)} per image, same order
   */
  public double[] scores(List<Image8> images) {
    double[] out = new double[images.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = score(images.get(i));
    }
    return out;
  }

  private static double[] normalised(double[] values, int height, int width) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double norm = 0;
    for (int i = 0; i < values.length; i++) {
      values[i] -= mean;
      norm += values[i] * values[i];
    }
    if (!(norm > 0) || Double.isInfinite(norm)) {
      throw new IllegalArgumentException(
          "Fingerprint of "
              + height
              + "×"
              + width
              + " px has L2 norm "
              + Math.sqrt(norm)
              + " after removing its mean; expected a finite norm > 0. The target images carry"
              + " no noise residual (e.g. flat images) or hold NaN; fit on real generator samples.");
    }
    double scale = 1 / Math.sqrt(norm);
    for (int i = 0; i < values.length; i++) {
      values[i] *= scale;
    }
    return values;
  }

  private static void requireSize(Image8 image, int height, int width, String role) {
    if (image.height() != height || image.width() != width) {
      throw new IllegalArgumentException(
          role
              + " is "
              + image
              + "; the fingerprint is "
              + height
              + "×"
              + width
              + " px. Resize or crop images to the fingerprint's size first.");
    }
  }
}
