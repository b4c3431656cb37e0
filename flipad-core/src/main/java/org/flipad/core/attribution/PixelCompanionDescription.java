package org.flipad.core.attribution;

import java.util.List;
import org.flipad.core.detector.DeepSadSettings;
import org.flipad.core.detector.LogScoreScale;

/**
 * How a detector's pixel companion ({@link PixelCompanion}) was trained and how its score is fused,
 * as recorded in the bundle.
 *
 * @param deepSad the pixel network's DeepSAD settings
 * @param epochLosses its mean training loss per epoch
 * @param flipadScale the FLIPAD score's log scale
 * @param pixelScale the pixel score's log scale
 */
public record PixelCompanionDescription(
    DeepSadSettings deepSad,
    List<Double> epochLosses,
    LogScoreScale flipadScale,
    LogScoreScale pixelScale) {

  /** Copies the losses. */
  public PixelCompanionDescription {
    epochLosses = List.copyOf(epochLosses);
  }
}
