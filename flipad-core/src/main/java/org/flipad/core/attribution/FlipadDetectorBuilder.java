package org.flipad.core.attribution;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.bundle.Provenance;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.core.data.RealImageSource;
import org.flipad.core.detector.DeepSadSettings;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.generator.MeanActivation;
import org.flipad.core.io.FinalLayerFile;
import org.flipad.core.metric.BinaryMetrics;
import org.flipad.core.progress.ProgressListener;

/**
 * Builds a FLIPAD detector for one generator from its bundle and a set of negative images
 * (FLIPAD.md sections 2–5), ready for {@link DetectorBundles#write}:
 *
 * <ol>
 *   <li>samples target images (8-bit, as published images are) for training, validation and a
 *       held-out test, and estimates ā from 5,000 draws in batches of 128;
 *   <li>shuffles the negatives: the first {@code train} train DeepSAD, up to {@code validation} of
 *       the rest are held out;
 *   <li>inverts every image through the final layer ({@link InversionFeatureExtractor});
 *   <li>trains DeepSAD on target vs negative features with FLIPAD's target-only standardisation
 *       (2×2 max-pool first when the feature map is larger than 16, as for LSGAN's 64×28×28);
 *   <li>calibrates τ_q on the validation target images and, when negatives were held out, reports
 *       the AUROC and the accuracy at FNR 0.5 % on held-out target vs held-out negative images.
 * </ol>
 *
 * <p>Every seed derives from the settings' seed and is recorded. Progress goes to the listener as
 * tasks "mean activation", "invert", DeepSAD's own epochs, and "validate".
 */
public final class FlipadDetectorBuilder {

  /** Feature maps larger than this are 2×2 max-pooled, as the reference does for LSGAN. */
  private static final int MAX_UNPOOLED_SIDE = 16;

  private static final int INVERSION_BATCH = 64;

  private final FlipadDetectorSettings settings;
  private final InstantSource clock;
  private final ProgressListener progress;

  /**
   * @param settings sizes, epochs, seed and inversion settings
   * @param clock times each step and stamps the provenance
   * @param progress receives the progress of each step
   */
  public FlipadDetectorBuilder(
      FlipadDetectorSettings settings, InstantSource clock, ProgressListener progress) {
    this.settings = settings;
    this.clock = clock;
    this.progress = progress;
  }

  /** The target and negative images of one build, after the split. */
  private record Images(
      List<Image8> targetTrain,
      List<Image8> validation,
      List<Image8> heldOutTarget,
      List<Image8> negativeTrain,
      List<Image8> heldOutNegative) {

    int total() {
      return targetTrain.size()
          + validation.size()
          + heldOutTarget.size()
          + negativeTrain.size()
          + heldOutNegative.size();
    }
  }

  /**
   * Builds and calibrates the detector.
   *
   * @param generator the target's bundle (verified when it was read)
   * @param negatives images of other sources with the generator's image size, ≥ 1
   * @return the detector; the caller closes it
   * @throws IOException when the generator cannot be loaded
   * @throws IllegalArgumentException when a negative image has the wrong size
   */
  public Detector build(GeneratorBundle generator, List<Image8> negatives) throws IOException {
    long started = clock.millis();
    Map<String, Long> seeds = seeds(settings.seed());
    Map<String, Double> times = new LinkedHashMap<>();
    FinalLayerFile layer = generator.finalLayer();
    ModelInputFormat format =
        ModelInputFormat.of(layer.layer(), layer.activation().requireInvertible());
    requireSizes(negatives, format);
    float[] aBar;
    Images images;
    try (GeneratorModel model = generator.load()) {
      long from = clock.millis();
      progress.start("mean activation", MeanActivation.DEFAULT_DRAWS);
      aBar =
          MeanActivation.estimate(
              model.penultimateSource(seeds.get("meanActivation")),
              MeanActivation.DEFAULT_DRAWS,
              MeanActivation.DEFAULT_BATCH);
      progress.finish(MeanActivation.DEFAULT_DRAWS + " draws");
      times.put("meanActivation", seconds(from));
      from = clock.millis();
      images = images(new GeneratorImageSource(modelId(generator), model), negatives, seeds);
      times.put("sampling", seconds(from));
    }
    try (InversionRun inversion = new InversionRun(layer, aBar, images.total())) {
      long from = clock.millis();
      DetectorTrainingData data =
          new DetectorTrainingData(
              inversion.shape(),
              FeatureScaling.TARGET_STANDARDISED,
              inversion.shape().height() > MAX_UNPOOLED_SIDE,
              inversion.extract(images.targetTrain()),
              inversion.extract(images.negativeTrain()),
              inversion.extract(images.validation()));
      float[][] heldOutTarget = inversion.extract(images.heldOutTarget());
      float[][] heldOutNegative = inversion.extract(images.heldOutNegative());
      progress.finish(images.total() + " images");
      times.put("features", seconds(from));
      from = clock.millis();
      DeepSadSettings deepSad =
          DeepSadSettings.forFeatures(seeds.get("deepSad"), settings.epochs());
      DetectorTrainingResult trained = new DetectorTraining(deepSad, clock, progress).train(data);
      times.put("deepSad", seconds(from));
      DeepSadDetector scoring = trained.detector();
      try {
        from = clock.millis();
        ValidationSummary validation =
            validate(scoring, images, heldOutTarget, heldOutNegative, inversion.gaps());
        times.put("validation", seconds(from));
        times.put("total", seconds(started));
        DetectorDescription description =
            new DetectorDescription(
                modelId(generator),
                generator.digest(),
                settings.inversion(),
                deepSad,
                data.maxPool(),
                seeds,
                validation,
                times,
                Arrays.stream(trained.epochLosses()).boxed().toList(),
                Provenance.current(clock));
        return new Detector(description, layer, aBar, scoring, settings.inversion().threads());
      } catch (RuntimeException e) {
        scoring.close();
        throw e;
      }
    }
  }

  /** Every seed of a build, derived from the base seed so each role draws independently. */
  private static Map<String, Long> seeds(long seed) {
    Map<String, Long> seeds = new LinkedHashMap<>();
    seeds.put("targetTrain", seed);
    seeds.put("validation", seed + 1);
    seeds.put("heldOutTarget", seed + 2);
    seeds.put("negativeShuffle", seed + 3);
    seeds.put("meanActivation", seed + 4);
    seeds.put("deepSad", seed);
    return seeds;
  }

  private Images images(
      GeneratorImageSource target, List<Image8> negatives, Map<String, Long> seeds) {
    List<Image8> shuffled =
        new RealImageSource("negatives", negatives)
            .draw(negatives.size(), seeds.get("negativeShuffle"));
    int negativeTrain = Math.min(settings.train(), shuffled.size());
    int heldOut = Math.min(settings.validation(), shuffled.size() - negativeTrain);
    List<Image8> heldOutNegative = shuffled.subList(negativeTrain, negativeTrain + heldOut);
    return new Images(
        target.draw(settings.train(), seeds.get("targetTrain")),
        target.draw(settings.validation(), seeds.get("validation")),
        heldOut == 0 ? List.of() : target.draw(heldOut, seeds.get("heldOutTarget")),
        shuffled.subList(0, negativeTrain),
        heldOutNegative);
  }

  private ValidationSummary validate(
      DeepSadDetector scoring,
      Images images,
      float[][] heldOutTarget,
      float[][] heldOutNegative,
      double[] gaps) {
    progress.start("validate", 1);
    double auroc = Double.NaN;
    double accuracy = Double.NaN;
    if (heldOutNegative.length > 0) {
      double[] targetScores = scoring.score(heldOutTarget);
      double[] negativeScores = scoring.score(heldOutNegative);
      auroc = BinaryMetrics.auroc(targetScores, negativeScores);
      double threshold = scoring.thresholds().threshold(Detector.HEADLINE_FNR);
      accuracy = BinaryMetrics.accuracy(targetScores, negativeScores, threshold);
    }
    progress.finish(String.format(java.util.Locale.ROOT, "AUROC %.4f", auroc));
    return new ValidationSummary(
        images.targetTrain().size(),
        images.negativeTrain().size(),
        images.validation().size(),
        images.heldOutTarget().size(),
        images.heldOutNegative().size(),
        auroc,
        accuracy,
        Arrays.stream(gaps).average().orElse(Double.NaN),
        Arrays.stream(gaps).max().orElse(Double.NaN));
  }

  private static void requireSizes(List<Image8> negatives, ModelInputFormat format) {
    if (negatives.isEmpty()) {
      throw new IllegalArgumentException(
          "No negative images were given; DeepSAD needs at least one image of another source."
              + " Pass real images or another generator's samples.");
    }
    for (int i = 0; i < negatives.size(); i++) {
      Image8 image = negatives.get(i);
      format.requireSize("Negative image " + i, image.width(), image.height());
    }
  }

  /** The generator's directory name, e.g. "dcgan-seed1": how people refer to the model. */
  private static String modelId(GeneratorBundle generator) {
    Path name = generator.directory().toAbsolutePath().normalize().getFileName();
    return name == null ? "generator" : name.toString();
  }

  private double seconds(long fromMillis) {
    return (clock.millis() - fromMillis) / 1e3;
  }

  /** One extractor used for every image of a build, reporting progress over all of them. */
  private final class InversionRun implements AutoCloseable {
    private final InversionFeatureExtractor extractor;
    private final long total;
    private final List<Double> gaps = new ArrayList<>();

    InversionRun(FinalLayerFile layer, float[] aBar, long total) {
      this.extractor =
          new InversionFeatureExtractor(
              layer.layer(), layer.activation(), aBar, settings.inversion());
      this.total = total;
      progress.start("invert", total);
    }

    org.flipad.core.feature.FeatureShape shape() {
      return extractor.shape();
    }

    float[][] extract(List<Image8> images) {
      float[][] rows = new float[images.size()][];
      for (int from = 0; from < images.size(); from += INVERSION_BATCH) {
        int to = Math.min(images.size(), from + INVERSION_BATCH);
        ExtractedFeatures features = extractor.extract(images.subList(from, to));
        System.arraycopy(features.rows(), 0, rows, from, to - from);
        features.solverStatistics().forEach(s -> gaps.add(s.relativeGap()));
        progress.advance(gaps.size(), "inverted " + gaps.size() + " of " + total);
      }
      return rows;
    }

    double[] gaps() {
      return gaps.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public void close() {
      extractor.close();
    }
  }
}
