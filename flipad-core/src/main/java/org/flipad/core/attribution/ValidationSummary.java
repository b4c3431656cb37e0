package org.flipad.core.attribution;

/**
 * How a FLIPAD detector was trained and how well it did on held-out images, stored in its bundle so
 * a served verdict can be traced back to the evidence behind its threshold.
 *
 * <p>The held-out negatives are optional (a small negative set may all be needed for training);
 * without them {@code auroc} and {@code headlineAccuracy} are NaN.
 *
 * @param targetTraining target images DeepSAD was trained on
 * @param negativeTraining negative images DeepSAD was trained on
 * @param validation held-out target images the thresholds were calibrated on (n of the p-values)
 * @param heldOutTarget further held-out target images scored for AUROC and accuracy
 * @param heldOutNegative held-out negative images scored for AUROC and accuracy, 0 when none
 * @param auroc area under the ROC curve on the held-out target vs negative images, or NaN
 * @param headlineAccuracy balanced-pair accuracy at the 0.5 % FNR threshold, or NaN
 * @param meanRelativeGap mean duality-gap certificate of all inversions made while training
 * @param maxRelativeGap the largest of those certificates
 * @param sources per negative source: held-out AUROC and share refused at FNR 0.5 % and 5 % (empty
 *     in bundles written before negative banks)
 */
public record ValidationSummary(
    int targetTraining,
    int negativeTraining,
    int validation,
    int heldOutTarget,
    int heldOutNegative,
    double auroc,
    double headlineAccuracy,
    double meanRelativeGap,
    double maxRelativeGap,
    java.util.List<SourceValidation> sources) {

  /** Copies the per-source list; null (older bundles) reads as empty. */
  public ValidationSummary {
    sources = sources == null ? java.util.List.of() : java.util.List.copyOf(sources);
  }
}
