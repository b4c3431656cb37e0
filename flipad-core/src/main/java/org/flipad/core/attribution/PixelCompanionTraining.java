package org.flipad.core.attribution;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import org.flipad.core.data.Image8;
import org.flipad.core.detector.DeepSadSettings;
import org.flipad.core.detector.LogScoreScale;
import org.flipad.core.detector.Thresholds;
import org.flipad.core.feature.FeatureShape;
import org.flipad.core.progress.ProgressListener;

/**
 * Trains a FLIPAD detector's {@link PixelCompanion} on the same images, fits both scores' log
 * scales on the validation target images and calibrates the thresholds on their fused scores.
 */
final class PixelCompanionTraining {

  /**
   * The trained companion and the thresholds of the fused score.
   *
   * @param companion the pixel network and both log scales; the caller closes it
   * @param thresholds τ_q of the fused score on the validation target images
   * @param epochLosses the pixel network's mean loss per epoch
   */
  record Result(PixelCompanion companion, Thresholds thresholds, List<Double> epochLosses) {}

  private PixelCompanionTraining() {}

  /**
   * Trains and calibrates.
   *
   * @param deepSad the pixel network's settings
   * @param targetTrain the target training images FLIPAD was trained on
   * @param negativeTrain the negative training images FLIPAD was trained on
   * @param validation the validation target images, in the order of {@code flipadValidation}
   * @param flipad the trained FLIPAD detector
   * @param flipadValidation FLIPAD's features of {@code validation}
   */
  static Result train(
      DeepSadSettings deepSad,
      List<Image8> targetTrain,
      List<Image8> negativeTrain,
      List<Image8> validation,
      DeepSadDetector flipad,
      float[][] flipadValidation,
      InstantSource clock,
      ProgressListener progress) {
    Image8 example = targetTrain.get(0);
    float[][] pixelValidation = PixelCompanion.features(validation);
    DetectorTrainingData data =
        new DetectorTrainingData(
            new FeatureShape(example.channels(), example.height(), example.width()),
            FeatureScaling.NONE,
            false,
            PixelCompanion.features(targetTrain),
            PixelCompanion.features(negativeTrain),
            pixelValidation);
    DetectorTrainingResult trained = new DetectorTraining(deepSad, clock, progress).train(data);
    DeepSadDetector pixels = trained.detector();
    // Scored as serving scores them, so that τ_q is set on the very numbers it is compared with.
    double[] flipadScores = ServedScores.inBlocks(flipad::score, flipadValidation);
    double[] pixelScores = ServedScores.inBlocks(pixels.model()::score, pixelValidation);
    PixelCompanion companion =
        new PixelCompanion(
            pixels.model(), LogScoreScale.fit(flipadScores), LogScoreScale.fit(pixelScores));
    Thresholds fused = Thresholds.fromTargetScores(companion.fuse(flipadScores, pixelScores));
    return new Result(companion, fused, Arrays.stream(trained.epochLosses()).boxed().toList());
  }
}
