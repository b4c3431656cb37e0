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
import org.flipad.core.detector.LogScoreScale;
import org.flipad.core.detector.Thresholds;
import org.flipad.core.feature.FeatureShape;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.generator.MeanActivation;
import org.flipad.core.io.FinalLayerFile;
import org.flipad.core.metric.BinaryMetrics;
import org.flipad.core.progress.ProgressListener;

/**
 * Builds a FLIPAD detector for one generator from its bundle and a bank of negative sources
 * (FLIPAD.md sections 2–5), ready for {@link DetectorBundles#write}:
 *
 * <ol>
 *   <li>samples target images (8-bit, as published images are) for training, validation and a
 *       held-out test, and estimates ā from 5,000 draws in batches of 128;
 *   <li>draws {@code train} negative training images over the bank's sources in proportion to their
 *       weights ({@link NegativeAllocation}), plus up to {@code validation} held-out images of each
 *       source (real images: from what training left; generators: fresh samples);
 *   <li>inverts every image through the final layer ({@link InversionFeatureExtractor});
 *   <li>trains DeepSAD on target vs negative features with FLIPAD's target-only standardisation
 *       (2×2 max-pool first when the feature map is larger than 16, as for LSGAN's 64×28×28);
 *   <li>with a pixel companion (the default), trains a second DeepSAD detector on the same images'
 *       pixels and fuses the two scores ({@link PixelCompanion});
 *   <li>calibrates τ_q on the validation target images and, when negatives were held out, reports
 *       the AUROC and the accuracy at FNR 0.5 % on held-out target vs all held-out negatives, and
 *       per source the AUROC and the share refused at FNR 0.5 % and 5 %.
 * </ol>
 *
 * <p>Every seed derives from the settings' seed and is recorded. Progress goes to the listener as
 * tasks "mean activation", "invert", DeepSAD's own epochs, and "validate".
 */
public final class FlipadDetectorBuilder {

  /** Feature maps larger than this are 2×2 max-pooled, as the reference does for LSGAN. */
  private static final int MAX_UNPOOLED_SIDE = 16;

  private static final int INVERSION_BATCH = 64;

  /** How ā is estimated, recorded in the bundle: the generator serves in evaluation mode. */
  static final String MEAN_ACTIVATION_RECIPE =
      MeanActivation.DEFAULT_DRAWS
          + " draws in batches of "
          + MeanActivation.DEFAULT_BATCH
          + ", BatchNorm in evaluation mode";

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

  /** One negative source's draws: training images and held-out images. */
  private record SourceDraw(NegativeSource source, List<Image8> train, List<Image8> heldOut) {}

  /** The target and negative images of one build, after the split. */
  private record Images(
      List<Image8> targetTrain,
      List<Image8> validation,
      List<Image8> heldOutTarget,
      List<SourceDraw> negatives) {

    List<Image8> negativeTrain() {
      List<Image8> all = new ArrayList<>();
      negatives.forEach(d -> all.addAll(d.train()));
      return all;
    }

    /** The held-out images of the negative source named {@code name}. */
    List<Image8> heldOutOf(String name) {
      return negatives.stream()
          .filter(d -> d.source().name().equals(name))
          .findFirst()
          .orElseThrow()
          .heldOut();
    }

    int total() {
      int total = targetTrain.size() + validation.size() + heldOutTarget.size();
      for (SourceDraw draw : negatives) {
        total += draw.train().size() + draw.heldOut().size();
      }
      return total;
    }
  }

  /**
   * Builds and calibrates a detector against one set of negative images (e.g. real photographs).
   *
   * @see #build(GeneratorBundle, List, String)
   */
  public Detector build(GeneratorBundle generator, List<Image8> negatives) throws IOException {
    if (negatives.isEmpty()) {
      throw new IllegalArgumentException(
          "No negative images were given; DeepSAD needs at least one image of another source."
              + " Pass real images or another generator's samples.");
    }
    NegativeSource source =
        new NegativeSource(
            NegativeSource.Kind.REAL, "", 1, new RealImageSource("negatives", negatives));
    return build(generator, List.of(source), null);
  }

  /**
   * Builds and calibrates the detector against a bank of negative sources.
   *
   * @param generator the target's bundle (verified when it was read)
   * @param bank the negative sources with their weights, ≥ 1; {@link NegativeSource.Kind#FEEDBACK}
   *     sources are used in full on top of the weighted draw
   * @param modelIdOrNull the target's name, or null for its bundle directory's name
   * @return the detector; the caller closes it
   * @throws IOException when the generator cannot be loaded
   * @throws IllegalArgumentException when a negative image has the wrong size
   */
  public Detector build(GeneratorBundle generator, List<NegativeSource> bank, String modelIdOrNull)
      throws IOException {
    long started = clock.millis();
    String modelId = modelIdOrNull == null ? modelId(generator) : modelIdOrNull;
    Map<String, Long> seeds = seeds(settings.seed());
    Map<String, Double> times = new LinkedHashMap<>();
    FinalLayerFile layer = generator.finalLayer();
    ModelInputFormat format =
        ModelInputFormat.of(layer.layer(), layer.activation().requireInvertible());
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
      images = images(new GeneratorImageSource(modelId, model), bank, seeds);
      times.put("sampling", seconds(from));
    }
    for (SourceDraw draw : images.negatives()) {
      requireSizes(draw, format);
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
      Map<String, float[][]> heldOutNegatives = new LinkedHashMap<>();
      for (SourceDraw draw : images.negatives()) {
        if (!draw.heldOut().isEmpty()) {
          heldOutNegatives.put(draw.source().name(), inversion.extract(draw.heldOut()));
        }
      }
      progress.finish(images.total() + " images");
      times.put("features", seconds(from));
      from = clock.millis();
      DeepSadSettings deepSad = settings.deepSad(seeds.get("deepSad"));
      DetectorTrainingResult trained = new DetectorTraining(deepSad, clock, progress).train(data);
      times.put("deepSad", seconds(from));
      DeepSadDetector scoring = trained.detector();
      PixelCompanion companion = null;
      try {
        Thresholds thresholds = scoring.thresholds();
        PixelCompanionDescription companionDescription = null;
        if (settings.pixelCompanion()) {
          from = clock.millis();
          DeepSadSettings pixelDeepSad = settings.pixelDeepSad(seeds.get("deepSad"));
          TrainedCompanion pixels = trainCompanion(pixelDeepSad, images, scoring, data);
          companion = pixels.companion();
          thresholds = pixels.thresholds();
          companionDescription = companion.describe(pixelDeepSad, pixels.epochLosses());
          times.put("pixelDeepSad", seconds(from));
        }
        from = clock.millis();
        Served served = new Served(scoring, companion, thresholds);
        ValidationSummary validation =
            validate(served, images, heldOutTarget, heldOutNegatives, inversion.gaps());
        times.put("validation", seconds(from));
        times.put("total", seconds(started));
        List<NegativeSourceRecord> negatives = new ArrayList<>();
        for (SourceDraw draw : images.negatives()) {
          negatives.add(draw.source().record(draw.train().size(), draw.heldOut().size()));
        }
        DetectorDescription description =
            new DetectorDescription(
                modelId,
                generator.digest(),
                settings.inversion(),
                deepSad,
                data.maxPool(),
                seeds,
                validation,
                times,
                Arrays.stream(trained.epochLosses()).boxed().toList(),
                Provenance.current(clock),
                negatives,
                MEAN_ACTIVATION_RECIPE,
                companionDescription);
        return new Detector(
            description,
            layer,
            aBar,
            scoring,
            companion,
            thresholds,
            settings.inversion().threads());
      } catch (RuntimeException e) {
        scoring.close();
        if (companion != null) {
          companion.close();
        }
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

  /**
   * Draws the target's images and each negative source's: the weighted sources share {@code train}
   * training images; each also gives up to {@code validation} held-out images, drawn together with
   * its training images so the two never overlap.
   */
  private Images images(
      GeneratorImageSource target, List<NegativeSource> bank, Map<String, Long> seeds) {
    List<NegativeSource> weighted =
        bank.stream().filter(s -> s.kind() != NegativeSource.Kind.FEEDBACK).toList();
    int[] counts =
        NegativeAllocation.counts(
            weighted.stream().map(NegativeSource::weight).toList(), settings.train());
    List<SourceDraw> draws = new ArrayList<>();
    int maxHeldOut = 0;
    for (int i = 0; i < weighted.size(); i++) {
      SourceDraw draw = draw(weighted.get(i), counts[i], seeds.get("negativeShuffle"));
      draws.add(draw);
      maxHeldOut = Math.max(maxHeldOut, draw.heldOut().size());
    }
    for (NegativeSource feedback : bank) {
      if (feedback.kind() == NegativeSource.Kind.FEEDBACK) {
        draws.add(draw(feedback, Integer.MAX_VALUE, seeds.get("negativeShuffle")));
      }
    }
    return new Images(
        target.draw(settings.train(), seeds.get("targetTrain")),
        target.draw(settings.validation(), seeds.get("validation")),
        maxHeldOut == 0 ? List.of() : target.draw(maxHeldOut, seeds.get("heldOutTarget")),
        draws);
  }

  /** {@code train} images of a source plus its held-out images, from one seeded draw. */
  private SourceDraw draw(NegativeSource source, int train, long baseSeed) {
    long seed = baseSeed + 1_000_003L * source.name().hashCode();
    int heldOut = settings.validation();
    if (source.images() instanceof RealImageSource real) {
      // A finite pool: training first, then held out from what is left.
      train = Math.min(train, real.size());
      heldOut =
          source.kind() == NegativeSource.Kind.FEEDBACK
              ? 0
              : Math.min(heldOut, Math.max(0, real.size() - train));
    }
    if (train + heldOut == 0) {
      return new SourceDraw(source, List.of(), List.of());
    }
    List<Image8> drawn = source.images().draw(train + heldOut, seed);
    return new SourceDraw(
        source,
        List.copyOf(drawn.subList(0, train)),
        List.copyOf(drawn.subList(train, drawn.size())));
  }

  /** The trained pixel companion and the thresholds of the fused score. */
  private record TrainedCompanion(
      PixelCompanion companion, Thresholds thresholds, List<Double> epochLosses) {}

  /**
   * Trains the pixel detector on the same images as FLIPAD's, fits both scores' log scales on the
   * validation target images and calibrates the thresholds on their fused scores.
   */
  private TrainedCompanion trainCompanion(
      DeepSadSettings pixelDeepSad,
      Images images,
      DeepSadDetector flipad,
      DetectorTrainingData flipadData) {
    Image8 example = images.targetTrain().get(0);
    float[][] validation = PixelCompanion.features(images.validation());
    DetectorTrainingData pixelData =
        new DetectorTrainingData(
            new FeatureShape(example.channels(), example.height(), example.width()),
            FeatureScaling.NONE,
            false,
            PixelCompanion.features(images.targetTrain()),
            PixelCompanion.features(images.negativeTrain()),
            validation);
    DetectorTrainingResult trained =
        new DetectorTraining(pixelDeepSad, clock, progress).train(pixelData);
    DeepSadDetector pixels = trained.detector();
    double[] flipadValidation = flipad.score(flipadData.validation());
    double[] pixelValidation = pixels.score(validation);
    PixelCompanion companion =
        new PixelCompanion(
            pixels.model(),
            LogScoreScale.fit(flipadValidation),
            LogScoreScale.fit(pixelValidation));
    Thresholds fused =
        Thresholds.fromTargetScores(companion.fuse(flipadValidation, pixelValidation));
    return new TrainedCompanion(
        companion, fused, Arrays.stream(trained.epochLosses()).boxed().toList());
  }

  /** What the detector serves: FLIPAD's score, or the fused one, and its thresholds. */
  private record Served(DeepSadDetector flipad, PixelCompanion companion, Thresholds thresholds) {
    double[] score(float[][] flipadRows, List<Image8> images) {
      double[] scores = flipad.score(flipadRows);
      if (companion == null) {
        return scores;
      }
      return companion.fuse(scores, companion.model().score(PixelCompanion.features(images)));
    }
  }

  private ValidationSummary validate(
      Served served,
      Images images,
      float[][] heldOutTarget,
      Map<String, float[][]> heldOutNegatives,
      double[] gaps) {
    progress.start("validate", 1);
    double auroc = Double.NaN;
    double accuracy = Double.NaN;
    List<SourceValidation> sources = new ArrayList<>();
    int heldOutNegativeCount = 0;
    if (!heldOutNegatives.isEmpty()) {
      double[] targetScores = served.score(heldOutTarget, images.heldOutTarget());
      double headline = served.thresholds().threshold(Detector.HEADLINE_FNR);
      double five = served.thresholds().threshold(0.05);
      List<double[]> all = new ArrayList<>();
      for (Map.Entry<String, float[][]> e : heldOutNegatives.entrySet()) {
        double[] scores = served.score(e.getValue(), images.heldOutOf(e.getKey()));
        all.add(scores);
        heldOutNegativeCount += scores.length;
        sources.add(
            new SourceValidation(
                e.getKey(),
                scores.length,
                BinaryMetrics.auroc(targetScores, scores),
                refused(scores, headline),
                refused(scores, five)));
      }
      double[] negativeScores = all.stream().flatMapToDouble(Arrays::stream).toArray();
      auroc = BinaryMetrics.auroc(targetScores, negativeScores);
      accuracy = BinaryMetrics.accuracy(targetScores, negativeScores, headline);
    }
    progress.finish(String.format(java.util.Locale.ROOT, "AUROC %.4f", auroc));
    return new ValidationSummary(
        images.targetTrain().size(),
        images.negativeTrain().size(),
        images.validation().size(),
        images.heldOutTarget().size(),
        heldOutNegativeCount,
        auroc,
        accuracy,
        Arrays.stream(gaps).average().orElse(Double.NaN),
        Arrays.stream(gaps).max().orElse(Double.NaN),
        sources);
  }

  /** The share of scores above the threshold: images judged "not from the target". */
  private static double refused(double[] scores, double threshold) {
    long refused = Arrays.stream(scores).filter(s -> Thresholds.isOther(s, threshold)).count();
    return scores.length == 0 ? Double.NaN : refused / (double) scores.length;
  }

  private static void requireSizes(SourceDraw draw, ModelInputFormat format) {
    List<Image8> all = new ArrayList<>(draw.train());
    all.addAll(draw.heldOut());
    for (int i = 0; i < all.size(); i++) {
      Image8 image = all.get(i);
      format.requireSize(
          "Image " + i + " of negative source '" + draw.source().name() + "'",
          image.width(),
          image.height());
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
