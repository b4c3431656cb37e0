package org.flipad.core.attribution;

import java.time.InstantSource;
import org.flipad.core.detector.DeepSadLoss;
import org.flipad.core.detector.DeepSadSettings;
import org.flipad.core.detector.DeepSadTrainer;
import org.flipad.core.detector.DeepSadTrainingResult;
import org.flipad.core.detector.Thresholds;
import org.flipad.core.feature.FeaturePipeline;
import org.flipad.core.feature.FeatureShape;
import org.flipad.core.progress.ProgressListener;

/**
 * Trains one detector on extracted features: fit the scaling, train DeepSAD with every training
 * sample labelled (target ỹ = +1, other ỹ = −1, as FLIPAD does), then calibrate the thresholds on
 * held-out target samples (FLIPAD.md sections 3–5).
 */
public final class DetectorTraining {

  private final DeepSadSettings deepSad;
  private final InstantSource clock;
  private final ProgressListener progress;

  /**
   * @param deepSad network, epochs, Adam and seed
   * @param clock times the training
   * @param progress receives DeepSAD's epoch progress
   */
  public DetectorTraining(DeepSadSettings deepSad, InstantSource clock, ProgressListener progress) {
    this.deepSad = deepSad;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Trains and calibrates.
   *
   * @param data the training and validation features and how to scale them
   * @return the detector (the caller closes it) and its training losses
   */
  public DetectorTrainingResult train(DetectorTrainingData data) {
    FeaturePipeline scaling =
        data.scaling().fit(data.shape(), data.maxPool(), data.targets(), data.negatives());
    float[][] targets = DeepSadDetector.scale(scaling, data.targets());
    float[][] negatives = DeepSadDetector.scale(scaling, data.negatives());
    float[][] features = new float[targets.length + negatives.length][];
    int[] labels = new int[features.length];
    for (int i = 0; i < targets.length; i++) {
      features[i] = targets[i];
      labels[i] = DeepSadLoss.TARGET;
    }
    for (int i = 0; i < negatives.length; i++) {
      features[targets.length + i] = negatives[i];
      labels[targets.length + i] = DeepSadLoss.OTHER;
    }
    FeatureShape scaledShape = scaling == null ? data.shape() : scaling.outputShape();
    DeepSadTrainingResult trained =
        new DeepSadTrainer(deepSad, clock, progress).train(scaledShape, features, labels);
    try {
      double[] validation =
          trained.model().score(DeepSadDetector.scale(scaling, data.validation()));
      Thresholds thresholds = Thresholds.fromTargetScores(validation);
      DeepSadDetector detector = new DeepSadDetector(scaling, trained.model(), thresholds);
      return new DetectorTrainingResult(detector, trained.epochLosses(), trained.time());
    } catch (RuntimeException e) {
      trained.model().close();
      throw e;
    }
  }
}
