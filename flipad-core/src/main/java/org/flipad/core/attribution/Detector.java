package org.flipad.core.attribution;

import java.util.ArrayList;
import java.util.List;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.core.detector.Thresholds;
import org.flipad.core.io.FinalLayerFile;

/**
 * A ready FLIPAD detector for one target generator: inverts images through the target's final
 * layer, scores the recovered activations with DeepSAD (fused, when the detector has one, with a
 * pixel detector's score: {@link PixelCompanion}) and decides at every calibrated false-rejection
 * level. Made by {@link FlipadDetectorBuilder} or read from a bundle by {@link DetectorBundles}; it
 * needs no generator weights, only the final layer and ā.
 *
 * <p>Not thread-safe (the solver and the DeepSAD model are used from one thread, as a DJL Predictor
 * is); open one per worker thread. Owns native memory; close releases it.
 */
public final class Detector implements AutoCloseable {

  /** The paper's headline false-rejection level q = 0.5 %. */
  public static final double HEADLINE_FNR = 0.005;

  private final DetectorDescription description;
  private final FinalLayerFile finalLayer;
  private final float[] meanActivation;
  private final DeepSadDetector scoring;
  private final PixelCompanion companion;
  private final Thresholds thresholds;
  private final InversionFeatureExtractor extractor;
  private final double[] levelThresholds;
  private long lastScoringNanos;

  /**
   * Takes ownership of {@code scoring} and the companion.
   *
   * @param description what the detector is and how it was made
   * @param finalLayer the target's final layer and output activation
   * @param meanActivation ā, [layer input size] float32
   * @param scoring the fitted scaling, DeepSAD model and thresholds of FLIPAD alone
   * @param companionOrNull the pixel detector whose score is fused with FLIPAD's, or null
   * @param thresholds the thresholds of the served score: {@code scoring}'s without a companion,
   *     else calibrated on the fused validation scores
   * @param threads images inverted in parallel; does not change any result, each image is solved
   *     alone
   */
  Detector(
      DetectorDescription description,
      FinalLayerFile finalLayer,
      float[] meanActivation,
      DeepSadDetector scoring,
      PixelCompanion companionOrNull,
      Thresholds thresholds,
      int threads) {
    this.description = description;
    this.finalLayer = finalLayer;
    this.meanActivation = meanActivation.clone();
    this.scoring = scoring;
    this.companion = companionOrNull;
    this.thresholds = thresholds;
    this.extractor =
        new InversionFeatureExtractor(
            finalLayer.layer(),
            finalLayer.activation(),
            this.meanActivation,
            description.inversion().withThreads(threads));
    this.levelThresholds = Thresholds.LEVELS.stream().mapToDouble(thresholds::threshold).toArray();
  }

  /**
   * Attributes a batch of images. Each image's verdict depends on that image alone, never on the
   * other images of the batch.
   *
   * @param images 8-bit images of exactly {@link #inputFormat()}'s size (refused otherwise)
   * @return one attribution per image, in order
   * @throws IllegalArgumentException when an image has the wrong size
   */
  public List<Attribution> attribute(List<Image8> images) {
    if (images.isEmpty()) {
      return List.of();
    }
    ExtractedFeatures features = extractor.extract(images);
    long scoringStart = System.nanoTime();
    double[] scores = ServedScores.of(scoring, companion, features.rows(), images);
    lastScoringNanos = System.nanoTime() - scoringStart;
    List<Attribution> attributions = new ArrayList<>(scores.length);
    for (int i = 0; i < scores.length; i++) {
      attributions.add(attribution(scores[i], features.solverStatistics().get(i)));
    }
    return attributions;
  }

  private Attribution attribution(double score, SolverStatistics solver) {
    List<Attribution.Decision> decisions = new ArrayList<>(levelThresholds.length);
    for (int level = 0; level < levelThresholds.length; level++) {
      double threshold = levelThresholds[level];
      decisions.add(
          new Attribution.Decision(
              Thresholds.LEVELS.get(level), threshold, !Thresholds.isOther(score, threshold)));
    }
    return new Attribution(score, thresholds.pValue(score), decisions, solver);
  }

  /**
   * Time the DeepSAD scoring of the last {@link #attribute} batch took (the rest of a batch is the
   * inversion, reported per image in {@link Attribution#solver()}).
   */
  public long lastScoringNanos() {
    return lastScoringNanos;
  }

  /** The image layout the target generator produces, which every image must have. */
  public ModelInputFormat inputFormat() {
    return extractor.inputFormat();
  }

  /** What the detector is for and how it was made. */
  public DetectorDescription description() {
    return description;
  }

  /** τ_q and p-values from the validation target scores of the served score. */
  public Thresholds thresholds() {
    return thresholds;
  }

  FinalLayerFile finalLayer() {
    return finalLayer;
  }

  float[] meanActivation() {
    return meanActivation.clone();
  }

  DeepSadDetector scoring() {
    return scoring;
  }

  /** The pixel companion, or null. */
  PixelCompanion companion() {
    return companion;
  }

  /** Releases the solver and the DeepSAD model. */
  @Override
  public void close() {
    try {
      extractor.close();
    } finally {
      try {
        scoring.close();
      } finally {
        if (companion != null) {
          companion.close();
        }
      }
    }
  }
}
