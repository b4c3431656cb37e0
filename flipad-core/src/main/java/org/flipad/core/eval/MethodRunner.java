package org.flipad.core.eval;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.flipad.core.attribution.DeepSadDetector;
import org.flipad.core.attribution.DetectorTraining;
import org.flipad.core.attribution.DetectorTrainingData;
import org.flipad.core.attribution.FeatureExtractor;
import org.flipad.core.attribution.FeatureScaling;
import org.flipad.core.attribution.InversionFeatureExtractor;
import org.flipad.core.attribution.InversionSettings;
import org.flipad.core.attribution.PerImageFeatureExtractor;
import org.flipad.core.baseline.DctFeatures;
import org.flipad.core.baseline.Fingerprint;
import org.flipad.core.baseline.RawFeatures;
import org.flipad.core.data.Image8;
import org.flipad.core.detector.DeepSadSettings;
import org.flipad.core.detector.Thresholds;
import org.flipad.core.feature.FeatureShape;
import org.flipad.core.progress.ProgressListener;

/**
 * Trains one method on a {@link MethodRun}'s training images, calibrates it on the validation
 * images and scores every test set, timing features and scoring per test image.
 */
public final class MethodRunner {

  /** Feature maps larger than this (LSGAN's 64×28×28) are 2×2 max-pooled, as the reference does. */
  private static final int MAX_UNPOOLED_SIDE = 16;

  private static final double HEADLINE_FNR = 0.005;
  private final int deepSadEpochs;
  private final int deepSadBatch;
  private final InversionSettings inversion;
  private final InstantSource clock;

  /**
   * @param deepSadEpochs DeepSAD epochs; the learning rate drops × 0.1 after half of them
   * @param deepSadBatch DeepSAD's batch size
   * @param inversion FLIPAD's λ and solver settings
   * @param clock times features and scoring
   */
  public MethodRunner(
      int deepSadEpochs, int deepSadBatch, InversionSettings inversion, InstantSource clock) {
    this.deepSadEpochs = deepSadEpochs;
    this.deepSadBatch = deepSadBatch;
    this.inversion = inversion;
    this.clock = clock;
  }

  /**
   * Runs one method.
   *
   * @param run the target, method, perturbation and images
   * @param seed DeepSAD's seed
   * @param step receives a short description of each step, for progress
   * @return one comparison per other source
   */
  public List<Comparison> run(MethodRun run, long seed, Consumer<String> step) {
    if (run.method() == EvaluationMethod.FINGERPRINT) {
      return runFingerprint(run, step);
    }
    try (FeatureExtractor extractor = extractor(run)) {
      step.accept("training features");
      DetectorTrainingData data =
          new DetectorTrainingData(
              extractor.shape(),
              scaling(run.method()),
              run.method() == EvaluationMethod.FLIPAD
                  && extractor.shape().height() > MAX_UNPOOLED_SIDE,
              extractor.extract(run.images().targetTrain()).rows(),
              extractor.extract(run.images().realTrain()).rows(),
              extractor.extract(run.images().validation()).rows());
      step.accept("DeepSAD");
      DeepSadSettings settings =
          DeepSadSettings.forFeatures(seed, deepSadEpochs).withBatchSize(deepSadBatch);
      DetectorTraining training = new DetectorTraining(settings, clock, ProgressListener.NONE);
      try (DeepSadDetector detector = training.train(data).detector()) {
        step.accept("testing");
        return test(run, detector.thresholds(), images -> score(extractor, detector, images));
      }
    }
  }

  /** Scores and the seconds spent on features and on scoring. */
  private record Scored(double[] scores, double featureSeconds, double scoringSeconds) {}

  private interface Scorer {
    Scored score(List<Image8> images);
  }

  private Scored score(FeatureExtractor extractor, DeepSadDetector detector, List<Image8> images) {
    long started = clock.millis();
    float[][] features = extractor.extract(images).rows();
    long extracted = clock.millis();
    double[] scores = detector.score(features);
    long scored = clock.millis();
    return new Scored(scores, (extracted - started) / 1e3, (scored - extracted) / 1e3);
  }

  private List<Comparison> runFingerprint(MethodRun run, Consumer<String> step) {
    step.accept("fingerprint");
    Fingerprint fingerprint = Fingerprint.fit(run.images().targetTrain());
    Thresholds thresholds =
        Thresholds.fromTargetScores(fingerprint.scores(run.images().validation()));
    return test(
        run,
        thresholds,
        images -> {
          long started = clock.millis();
          double[] scores = fingerprint.scores(images);
          return new Scored(scores, (clock.millis() - started) / 1e3, 0);
        });
  }

  private List<Comparison> test(MethodRun run, Thresholds thresholds, Scorer scorer) {
    Scored target = scorer.score(run.images().targetTest());
    double threshold = thresholds.threshold(HEADLINE_FNR);
    List<Comparison> comparisons = new ArrayList<>();
    for (Map.Entry<String, List<Image8>> source : run.images().sourceTests().entrySet()) {
      Scored other = scorer.score(source.getValue());
      double images = run.images().targetTest().size() + source.getValue().size();
      comparisons.add(
          new Comparison(
              run.context().target().name(),
              run.method().id(),
              run.perturbation(),
              source.getKey(),
              run.context().groupOf(source.getKey()),
              run.repetition(),
              target.scores(),
              other.scores(),
              threshold,
              (target.featureSeconds() + other.featureSeconds()) / images,
              (target.scoringSeconds() + other.scoringSeconds()) / images));
    }
    return comparisons;
  }

  private FeatureExtractor extractor(MethodRun run) {
    Image8 example = run.images().targetTrain().get(0);
    FeatureShape imageShape =
        new FeatureShape(example.channels(), example.height(), example.width());
    switch (run.method()) {
      case FLIPAD:
        TargetContext context = run.context();
        return new InversionFeatureExtractor(
            context.generator().finalLayer(),
            context.generator().outputActivation(),
            context.meanActivation(),
            inversion);
      case RAWPAD:
        return new PerImageFeatureExtractor("rawpad", imageShape, RawFeatures::of);
      default:
        return new PerImageFeatureExtractor("dctpad", imageShape, DctFeatures::of);
    }
  }

  private static FeatureScaling scaling(EvaluationMethod method) {
    switch (method) {
      case FLIPAD:
        return FeatureScaling.TARGET_STANDARDISED;
      case DCTPAD:
        return FeatureScaling.POOLED_STANDARDISED;
      default:
        return FeatureScaling.NONE;
    }
  }
}
