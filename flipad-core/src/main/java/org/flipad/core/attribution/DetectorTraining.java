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
   * Trains and calibrates on the same features every epoch.
   *
   * @param data the training and validation features and how to scale them
   * @return the detector (the caller closes it) and its training losses
   */
  public DetectorTrainingResult train(DetectorTrainingData data) {
    return train(data, null);
  }

  /**
   * Trains and calibrates, with fresh training features in every epoch after the first.
   *
   * @param data the first epoch's training features (which also fit the scaling and place the
   *     centre), the validation features, and how to scale them
   * @param laterEpochs the training features of epochs 1, 2, …, or null to train on {@code data}'s
   *     every epoch
   * @return the detector (the caller closes it) and its training losses
   */
  public DetectorTrainingResult train(DetectorTrainingData data, EpochDraws laterEpochs) {
    FeaturePipeline scaling =
        data.scaling().fit(data.shape(), data.maxPool(), data.targets(), data.negatives());
    DeepSadTrainer.LabelledRows first = labelled(scaling, data.targets(), data.negatives());
    DeepSadTrainer.EpochSamples samples =
        laterEpochs == null
            ? epoch -> first
            : epoch -> {
              if (epoch == 0) {
                return first;
              }
              EpochDraws.Rows drawn = laterEpochs.draw(epoch);
              return labelled(scaling, drawn.targets(), drawn.negatives());
            };
    FeatureShape scaledShape = scaling == null ? data.shape() : scaling.outputShape();
    DeepSadTrainingResult trained =
        new DeepSadTrainer(deepSad, clock, progress).train(scaledShape, samples);
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

  /** Scales both classes and labels them as FLIPAD does: target ỹ = +1, other ỹ = −1. */
  private static DeepSadTrainer.LabelledRows labelled(
      FeaturePipeline scaling, float[][] rawTargets, float[][] rawNegatives) {
    float[][] targets = DeepSadDetector.scale(scaling, rawTargets);
    float[][] negatives = DeepSadDetector.scale(scaling, rawNegatives);
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
    return new DeepSadTrainer.LabelledRows(features, labels);
  }
}
