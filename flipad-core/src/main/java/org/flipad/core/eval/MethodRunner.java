package org.flipad.core.eval;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.flipad.core.attribution.DeepSadDetector;
import org.flipad.core.attribution.DetectorTraining;
import org.flipad.core.attribution.DetectorTrainingData;
import org.flipad.core.attribution.EpochDraws;
import org.flipad.core.attribution.FeatureExtractor;
import org.flipad.core.attribution.FeatureScaling;
import org.flipad.core.attribution.InversionFeatureExtractor;
import org.flipad.core.attribution.InversionSettings;
import org.flipad.core.attribution.PerImageFeatureExtractor;
import org.flipad.core.baseline.DctFeatures;
import org.flipad.core.baseline.Fingerprint;
import org.flipad.core.baseline.RawFeatures;
import org.flipad.core.data.Image8;
import org.flipad.core.detector.DeepSadArchitecture;
import org.flipad.core.detector.DeepSadSettings;
import org.flipad.core.feature.FeatureShape;
import org.flipad.core.progress.ProgressListener;

/**
 * Trains one method on a {@link MethodRun}'s training images, calibrates it on the validation
 * images and scores every test set, timing features and scoring per test image ({@link
 * MethodScores#comparisons} turns the scores into {@link Comparison}s).
 */
public final class MethodRunner {

  /** Feature maps larger than this (LSGAN's 64×28×28) are 2×2 max-pooled, as the reference does. */
  private static final int MAX_UNPOOLED_SIDE = 16;

  private final int deepSadEpochs;
  private final int deepSadBatch;
  private final DeepSadArchitecture flipadNetwork;
  private final InstantSource clock;

  /**
   * @param deepSadEpochs DeepSAD epochs; the learning rate drops × 0.1 after half of them
   * @param deepSadBatch DeepSAD's batch size
   * @param flipadNetwork DeepSAD's network on FLIPAD features (the baselines use LeNet)
   * @param clock times features and scoring
   */
  public MethodRunner(
      int deepSadEpochs, int deepSadBatch, DeepSadArchitecture flipadNetwork, InstantSource clock) {
    this.deepSadEpochs = deepSadEpochs;
    this.deepSadBatch = deepSadBatch;
    this.flipadNetwork = flipadNetwork;
    this.clock = clock;
  }

  /**
   * Trains, calibrates and scores one method.
   *
   * @param run the target, method, perturbation, images and tested sources
   * @param seed DeepSAD's seed
   * @param step receives a short description of each step, for progress
   */
  MethodScores score(MethodRun run, long seed, Consumer<String> step) {
    if (run.method() == EvaluationMethod.FINGERPRINT) {
      return scoreFingerprint(run, step);
    }
    try (FeatureExtractor extractor = extractor(run)) {
      int trainingImages =
          run.images().targetTrain().size()
              + run.negatives().size()
              + run.images().validation().size();
      TrainingFeatures features = new TrainingFeatures(extractor, step, trainingImages);
      DetectorTrainingData data =
          new DetectorTrainingData(
              extractor.shape(),
              scaling(run.method()),
              run.method() == EvaluationMethod.FLIPAD
                  && extractor.shape().height() > MAX_UNPOOLED_SIDE,
              features.extract(run.images().targetTrain()),
              features.extract(run.negatives()),
              features.extract(run.images().validation()));
      step.accept("DeepSAD");
      DeepSadArchitecture network =
          run.method() == EvaluationMethod.FLIPAD ? flipadNetwork : DeepSadArchitecture.LENET;
      DeepSadSettings settings =
          DeepSadSettings.forFeatures(seed, deepSadEpochs)
              .withBatchSize(deepSadBatch)
              .withArchitecture(network);
      // A paper-size detector trains for half an hour: show each epoch on the progress line.
      ProgressListener epochs =
          new ProgressListener() {
            @Override
            public void start(String task, long total) {}

            @Override
            public void advance(long done, String detail) {
              step.accept("DeepSAD " + detail);
            }

            @Override
            public void finish(String summary) {}
          };
      DetectorTraining training = new DetectorTraining(settings, clock, epochs);
      try (DeepSadDetector detector =
          training.train(data, laterEpochs(run, extractor)).detector()) {
        step.accept("testing");
        // In image order (not sorted), so that a fusion can combine methods image by image.
        double[] validation = detector.score(data.validation());
        return test(run, validation, images -> score(extractor, detector, images));
      }
    }
  }

  /** The run's fresh training features of each epoch after the first, or null when it has none. */
  private static EpochDraws laterEpochs(MethodRun run, FeatureExtractor extractor) {
    if (run.laterEpochs() == null) {
      return null;
    }
    TrainingFeatures quiet = new TrainingFeatures(extractor, step -> {}, 0);
    return epoch -> {
      EpochImages.Training drawn = run.laterEpochs().draw(epoch);
      return new EpochDraws.Rows(quiet.extract(drawn.targets()), quiet.extract(drawn.negatives()));
    };
  }

  /**
   * Everything besides images and seed that decides {@code run}'s scores, as text: the method, its
   * feature settings (threads excluded: they never change a feature) and its training schedule. It
   * keys the {@link DetectorScoreCache}.
   */
  String recipeOf(MethodRun run) {
    String method = run.methodId() + " perturbation " + run.perturbation();
    if (run.method() == EvaluationMethod.FINGERPRINT) {
      return method;
    }
    String features = "";
    DeepSadArchitecture network = DeepSadArchitecture.LENET;
    if (run.method() == EvaluationMethod.FLIPAD) {
      InversionSettings inversion = InversionSettings.of(run.recipe());
      features =
          String.format(
              Locale.ROOT,
              " inversion %s lambda %s tolerance %s epochs %d rule %s ridge %s pool-above %d",
              inversion.recipe(),
              inversion.lambda(),
              inversion.tolerance(),
              inversion.maxEpochs(),
              inversion.targetRule(),
              inversion.ridgeFactor(),
              MAX_UNPOOLED_SIDE);
      network = flipadNetwork;
    }
    // Fixed draws keep the text they always had, so detectors cached before stay valid.
    return String.format(
        Locale.ROOT,
        "%s%s scaling %s deepsad %s epochs %d batch %d%s",
        method,
        features,
        scaling(run.method()),
        network,
        deepSadEpochs,
        deepSadBatch,
        run.laterEpochs() == null ? "" : " fresh-draws");
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

  private MethodScores scoreFingerprint(MethodRun run, Consumer<String> step) {
    step.accept("fingerprint");
    Fingerprint fingerprint = Fingerprint.fit(run.images().targetTrain());
    double[] validation = fingerprint.scores(run.images().validation());
    return test(
        run,
        validation,
        images -> {
          long started = clock.millis();
          double[] scores = fingerprint.scores(images);
          return new Scored(scores, (clock.millis() - started) / 1e3, 0);
        });
  }

  private MethodScores test(MethodRun run, double[] validation, Scorer scorer) {
    Scored target = scorer.score(run.images().targetTest());
    Map<String, double[]> sources = new LinkedHashMap<>();
    double featureSeconds = target.featureSeconds();
    double scoringSeconds = target.scoringSeconds();
    int images = run.images().targetTest().size();
    for (String source : run.tests().keySet()) {
      List<Image8> tested = run.images().sourceTests().get(source);
      Scored other = scorer.score(tested);
      sources.put(source, other.scores());
      featureSeconds += other.featureSeconds();
      scoringSeconds += other.scoringSeconds();
      images += tested.size();
    }
    return new MethodScores(
        run,
        validation,
        target.scores(),
        sources,
        featureSeconds / images,
        scoringSeconds / images);
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
            InversionSettings.of(run.recipe()));
      case RAWPAD:
        return new PerImageFeatureExtractor("rawpad", imageShape, RawFeatures::of);
      case DCTPAD:
        return new PerImageFeatureExtractor("dctpad", imageShape, DctFeatures::of);
      default:
        throw new IllegalArgumentException(
            "Method " + run.method().id() + " has no feature extractor; it combines others.");
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
