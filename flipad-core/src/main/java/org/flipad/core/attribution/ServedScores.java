package org.flipad.core.attribution;

import java.util.List;
import java.util.function.Function;
import org.flipad.core.data.Image8;

/**
 * The score a detector serves, computed the same way wherever it is needed: when attributing
 * uploads, when calibrating the fused thresholds and when validating a new detector. So the
 * thresholds are set on exactly the numbers serving will compare with them.
 */
final class ServedScores {

  /**
   * Rows per DeepSAD scoring block, the worker's default batch. Measured on two cores with the
   * paper network on 64×14×14 features: per image, a block of 16 costs about 0.27× of one row
   * scored alone (1.5 ms against 5.6 ms), so a lone upload pays about 24 ms instead of 6 ms while a
   * busy worker scores nearly four times as many.
   */
  static final int SCORING_BLOCK = 16;

  private ServedScores() {}

  /**
   * The served scores of {@code images}, whose FLIPAD features are {@code flipadRows}: FLIPAD's
   * alone, or fused with the pixel companion's.
   */
  static double[] of(
      DeepSadDetector flipad,
      PixelCompanion companionOrNull,
      float[][] flipadRows,
      List<Image8> images) {
    double[] scores = inBlocks(flipad::score, flipadRows);
    if (companionOrNull == null) {
      return scores;
    }
    double[] pixels = inBlocks(companionOrNull.model()::score, PixelCompanion.features(images));
    return companionOrNull.fuse(scores, pixels);
  }

  /**
   * DeepSAD scores in blocks of exactly {@link #SCORING_BLOCK} rows, the last one padded with zero
   * rows whose scores are dropped. PyTorch's batched kernels may sum in another order for another
   * batch size (scores moved by up to 5e-6, so a verdict near τ could depend on how many uploads
   * were batched together); for one batch size, a row's score does not depend on the other rows.
   * Every block having the same size, an image always gets the same score, and a full block costs
   * about half as much per image as scoring images one at a time.
   */
  static double[] inBlocks(Function<float[][], double[]> scorer, float[][] rows) {
    double[] scores = new double[rows.length];
    float[] padding = null;
    for (int from = 0; from < rows.length; from += SCORING_BLOCK) {
      float[][] block = new float[SCORING_BLOCK][];
      for (int k = 0; k < SCORING_BLOCK; k++) {
        if (from + k < rows.length) {
          block[k] = rows[from + k];
        } else {
          padding = padding == null ? new float[rows[0].length] : padding;
          block[k] = padding;
        }
      }
      double[] blockScores = scorer.apply(block);
      System.arraycopy(blockScores, 0, scores, from, Math.min(SCORING_BLOCK, rows.length - from));
    }
    return scores;
  }
}
