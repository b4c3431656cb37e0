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
import org.flipad.core.detector.Thresholds;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.generator.MeanActivation;
import org.flipad.core.io.FinalLayerFile;
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
    BuildImages images;
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
      images = BuildImages.draw(new GeneratorImageSource(modelId, model), bank, seeds, settings);
      times.put("sampling", seconds(from));
    }
    images.requireSizes(format);
    try (InversionRun inversion =
            new InversionRun(layer, aBar, settings.inversion(), images.total(), progress);
        // Fresh draws sample the target during training: a second instance of it, left open,
        // and invert quietly (the progress line is DeepSAD's then).
        GeneratorModel target = settings.freshDraws() ? generator.load() : null;
        InversionRun epochInversion =
            target == null
                ? null
                : new InversionRun(layer, aBar, settings.inversion(), 0, ProgressListener.NONE)) {
      long from = clock.millis();
      DetectorTrainingData data =
          new DetectorTrainingData(
              inversion.shape(),
              FeatureScaling.TARGET_STANDARDISED,
              inversion.shape().height() > MAX_UNPOOLED_SIDE,
              inversion.extract(images.targetTrain()),
              inversion.extract(images.negativeTrain()),
              inversion.extract(images.validation()));
      HeldOutValidation.HeldOut heldOutTarget =
          new HeldOutValidation.HeldOut(
              inversion.extract(images.heldOutTarget()), images.heldOutTarget());
      Map<String, HeldOutValidation.HeldOut> heldOutNegatives = new LinkedHashMap<>();
      for (BuildImages.SourceDraw draw : images.negatives()) {
        if (!draw.heldOut().isEmpty()) {
          heldOutNegatives.put(
              draw.source().name(),
              new HeldOutValidation.HeldOut(inversion.extract(draw.heldOut()), draw.heldOut()));
        }
      }
      progress.finish(images.total() + " images");
      times.put("features", seconds(from));
      from = clock.millis();
      DeepSadSettings deepSad = settings.deepSad(seeds.get("deepSad"));
      EpochDraws laterEpochs =
          target == null
              ? null
              : images.laterEpochs(
                  new GeneratorImageSource(modelId, target),
                  epochInversion,
                  seeds.get("epochDraws"),
                  settings.train());
      DetectorTrainingResult trained =
          new DetectorTraining(deepSad, clock, progress).train(data, laterEpochs);
      times.put("deepSad", seconds(from));
      DeepSadDetector scoring = trained.detector();
      PixelCompanion companion = null;
      try {
        Thresholds thresholds = scoring.thresholds();
        PixelCompanionDescription companionDescription = null;
        if (settings.pixelCompanion()) {
          from = clock.millis();
          DeepSadSettings pixelDeepSad = settings.pixelDeepSad(seeds.get("deepSad"));
          PixelCompanionTraining.Result pixels =
              PixelCompanionTraining.train(
                  pixelDeepSad,
                  images.targetTrain(),
                  images.negativeTrain(),
                  images.validation(),
                  scoring,
                  data.validation(),
                  clock,
                  progress);
          companion = pixels.companion();
          thresholds = pixels.thresholds();
          companionDescription = companion.describe(pixelDeepSad, pixels.epochLosses());
          times.put("pixelDeepSad", seconds(from));
        }
        from = clock.millis();
        int[] counts = {
          images.targetTrain().size(), images.negativeTrain().size(), images.validation().size()
        };
        ValidationSummary validation =
            new HeldOutValidation(scoring, companion, thresholds)
                .summarise(counts, heldOutTarget, heldOutNegatives, inversion.gaps(), progress);
        times.put("validation", seconds(from));
        times.put("total", seconds(started));
        List<NegativeSourceRecord> negatives = new ArrayList<>();
        for (BuildImages.SourceDraw draw : images.negatives()) {
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
  private Map<String, Long> seeds(long seed) {
    Map<String, Long> seeds = new LinkedHashMap<>();
    seeds.put("targetTrain", seed);
    seeds.put("validation", seed + 1);
    seeds.put("heldOutTarget", seed + 2);
    seeds.put("negativeShuffle", seed + 3);
    seeds.put("meanActivation", seed + 4);
    seeds.put("deepSad", seed);
    if (settings.freshDraws()) {
      seeds.put("epochDraws", seed + 5);
    }
    return seeds;
  }

  /** The generator's directory name, e.g. "dcgan-seed1": how people refer to the model. */
  private static String modelId(GeneratorBundle generator) {
    Path name = generator.directory().toAbsolutePath().normalize().getFileName();
    return name == null ? "generator" : name.toString();
  }

  private double seconds(long fromMillis) {
    return (clock.millis() - fromMillis) / 1e3;
  }
}
