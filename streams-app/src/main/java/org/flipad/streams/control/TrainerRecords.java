package org.flipad.streams.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flipad.core.attribution.Detector;
import org.flipad.core.attribution.ValidationSummary;
import org.flipad.core.detector.Thresholds;
import org.flipad.schema.FnrThreshold;
import org.flipad.schema.ModelState;
import org.flipad.schema.ModelVersion;
import org.flipad.schema.ValidationMetrics;

/** Builds the ModelVersion record of a detector about to be published (trainer and seeding). */
public final class TrainerRecords {

  private TrainerRecords() {}

  /**
   * The record of {@code detector} stored at {@code location}.
   *
   * @param extraMetrics further figures for the audit trail (e.g. the gate's empirical FNR)
   */
  public static ModelVersion of(
      Detector detector,
      String modelId,
      int version,
      ModelState state,
      String sha256,
      String location,
      double selectedFnr,
      String commandId,
      Integer previousVersion,
      Map<String, Double> extraMetrics,
      Instant now) {
    List<FnrThreshold> thresholds = new ArrayList<>();
    for (double q : Thresholds.LEVELS) {
      thresholds.add(new FnrThreshold(q, detector.thresholds().threshold(q)));
    }
    ValidationSummary validation = detector.description().validation();
    return ModelVersion.newBuilder()
        .setModelId(modelId)
        .setVersion(version)
        .setState(state)
        .setBundleSha256(sha256)
        .setBundleLocation(location)
        .setGeneratorBundleSha256(detector.description().generatorDigest())
        .setThresholds(thresholds)
        .setSelectedFnr(selectedFnr)
        .setScoreThresholdOverride(null)
        .setMetrics(
            ValidationMetrics.newBuilder()
                .setAuroc(validation.auroc())
                .setAveragePrecision(null)
                .setAccuracy(
                    Double.isNaN(validation.headlineAccuracy())
                        ? null
                        : validation.headlineAccuracy())
                .setValidationSamples(validation.validation())
                .setExtra(Map.copyOf(extraMetrics))
                .build())
        .setCreatedAt(now)
        .setCreatedByCommandId(commandId)
        .setPreviousVersion(previousVersion)
        .setUpdatedAt(now)
        .setUpdatedByCommandId(commandId)
        .build();
  }

  /**
   * {@code record} with the location of its generator bundle, which the trainer samples (a
   * RETRAIN's default generator, a negative source of other models' RETRAINs).
   *
   * @param generatorLocation a folder path or {@code file:} URI, or null when unknown
   */
  public static ModelVersion withGeneratorLocation(ModelVersion record, String generatorLocation) {
    return ModelVersion.newBuilder(record).setGeneratorBundleLocation(generatorLocation).build();
  }
}
