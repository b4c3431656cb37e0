package org.flipad.core.attribution;

import java.util.List;
import org.flipad.core.baseline.RawFeatures;
import org.flipad.core.data.Image8;
import org.flipad.core.detector.DeepSadModel;
import org.flipad.core.detector.DeepSadSettings;
import org.flipad.core.detector.LogScoreScale;

/**
 * A second DeepSAD detector on the image's pixels (RawPAD), trained on the same images as the
 * FLIPAD detector it accompanies; the served score is the mean of the two log-standardised scores
 * ({@link LogScoreScale}), and the thresholds are calibrated on that fused score.
 *
 * <p>Why: FLIPAD looks at the activation the target's final layer would need, the pixel detector at
 * the image itself, and the two err on different images. Generators built on the target's own
 * network (other training runs, EBGAN for a DCGAN target) are what FLIPAD alone lets through most
 * often; at the paper's sizes the fused score refused them far more often at the same FNR
 * (docs/results.md). The pixel network is the small LeNet one: it scores an image in about an
 * eighth of FLIPAD's DeepSAD time.
 *
 * @param model the pixel DeepSAD network and its centre; owned, closed with this
 * @param flipadScale the FLIPAD detector's scale, fitted on its validation target scores
 * @param pixelScale the pixel detector's scale, fitted on the same images' pixel scores
 */
record PixelCompanion(DeepSadModel model, LogScoreScale flipadScale, LogScoreScale pixelScale)
    implements AutoCloseable {

  /** The pixel detector's features: the pixels in [−1, 1], as RawPAD's. */
  static float[][] features(List<Image8> images) {
    float[][] rows = new float[images.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = RawFeatures.of(images.get(i));
    }
    return rows;
  }

  /** The fused scores of images the two detectors scored in the same order. */
  double[] fuse(double[] flipadScores, double[] pixelScores) {
    return LogScoreScale.meanZ(
        new LogScoreScale[] {flipadScale, pixelScale}, new double[][] {flipadScores, pixelScores});
  }

  /** What the bundle records about the companion besides its network. */
  PixelCompanionDescription describe(DeepSadSettings deepSad, List<Double> epochLosses) {
    return new PixelCompanionDescription(deepSad, epochLosses, flipadScale, pixelScale);
  }

  @Override
  public void close() {
    model.close();
  }
}
