package org.flipad.streams.model;

import java.util.Objects;
import org.flipad.core.data.ModelInputFormat;

/**
 * One generator the service screens uploads for: which detector version answers for it, the image
 * layout that detector accepts, and the false-negative rate its decisions are made at.
 *
 * @param modelId the watched model's id, e.g. {@code dcgan-seed1}
 * @param version the detector version serving it (every verdict names it)
 * @param input the only image layout the generator produces; other sizes are never resized
 * @param fnr the calibrated false-negative level the worker decides at, e.g. 0.005
 * @param thresholdOverride an operator's score threshold replacing the one at {@code fnr}, or null
 * @param bundleSha256 the sha256 of the detector bundle serving this version, or null where no
 *     bundle is involved (tests of the topology alone)
 */
public record WatchedModel(
    String modelId,
    int version,
    ModelInputFormat input,
    double fnr,
    Double thresholdOverride,
    String bundleSha256) {

  /** A model deciding at the calibrated threshold of {@code fnr}, its bundle not named. */
  public WatchedModel(String modelId, int version, ModelInputFormat input, double fnr) {
    this(modelId, version, input, fnr, null, null);
  }

  /** Validates the fields. */
  public WatchedModel {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(input, "input");
    if (modelId.isBlank()) {
      throw new IllegalArgumentException("A watched model needs a non-blank id.");
    }
    if (version < 1) {
      throw new IllegalArgumentException(
          "Model " + modelId + " has version " + version + "; versions start at 1.");
    }
    if (thresholdOverride != null && !Double.isFinite(thresholdOverride)) {
      throw new IllegalArgumentException(
          "Model "
              + modelId
              + " has threshold override "
              + thresholdOverride
              + "; give a finite score.");
    }
    if (!(fnr >= 0 && fnr < 1)) {
      throw new IllegalArgumentException(
          "Model " + modelId + " has FNR " + fnr + "; pick a level in [0, 1), e.g. 0.005.");
    }
  }

  /** {@code modelId@version}, how logs and metrics name it. */
  public String label() {
    return modelId + "@" + version;
  }

  /**
   * Everything that decides this model's verdict on given bytes: the version, the bundle's content
   * and the operating point. A decision is reused for a re-upload only while this is unchanged, so
   * a bundle replaced under the same version number, or a new FNR or threshold, is never answered
   * from an older decision.
   */
  public String decisionIdentity() {
    return label()
        + (bundleSha256 == null ? "" : "#" + bundleSha256)
        + " fnr="
        + fnr
        + (thresholdOverride == null ? "" : " threshold=" + thresholdOverride);
  }
}
