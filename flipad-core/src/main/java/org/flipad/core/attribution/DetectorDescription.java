package org.flipad.core.attribution;

import java.util.List;
import java.util.Map;
import org.flipad.core.bundle.Provenance;
import org.flipad.core.detector.DeepSadSettings;

/**
 * What a FLIPAD detector is for and how it was made: the target generator, the settings of every
 * step, the seeds, the validation results, timings and provenance. Stored in the detector bundle's
 * manifest, so a verdict can be reproduced and audited without the generator.
 *
 * @param modelId the target's name, e.g. its bundle directory "dcgan-seed1"
 * @param generatorDigest sha256 of the target's {@code generator.json} (the generator bundle's
 *     identity), so a detector cannot silently be paired with another generator
 * @param inversion λ and stopping rule used for training features and for serving
 * @param deepSad the DeepSAD network, epochs, Adam settings and seed
 * @param maxPool whether features were 2×2 max-pooled before standardising (maps larger than 16)
 * @param seeds every seed of the build by role, e.g. "targetTrain", "negativeShuffle"
 * @param validation training counts and held-out results
 * @param timesSeconds wall time of each step in seconds, e.g. "features", "deepSad", "total"
 * @param epochLosses DeepSAD's mean loss per epoch
 * @param provenance software versions and machine at build time
 * @param negatives the negative bank: every source with its identity, weight and counts (empty in
 *     bundles written before negative banks)
 * @param meanActivation how ā was estimated, e.g. "5000 draws in batches of 128, BatchNorm in
 *     evaluation mode" (null in bundles written before recipes)
 * @param pixelCompanion the pixel detector served alongside FLIPAD and how the two scores are
 *     fused, or null when the detector scores with FLIPAD alone (and in bundles of format version
 *     1)
 */
public record DetectorDescription(
    String modelId,
    String generatorDigest,
    InversionSettings inversion,
    DeepSadSettings deepSad,
    boolean maxPool,
    Map<String, Long> seeds,
    ValidationSummary validation,
    Map<String, Double> timesSeconds,
    List<Double> epochLosses,
    Provenance provenance,
    List<NegativeSourceRecord> negatives,
    String meanActivation,
    PixelCompanionDescription pixelCompanion) {

  /** Copies the collections. */
  public DetectorDescription {
    seeds = Map.copyOf(seeds);
    timesSeconds = Map.copyOf(timesSeconds);
    epochLosses = List.copyOf(epochLosses);
    negatives = negatives == null ? List.of() : List.copyOf(negatives);
  }
}
