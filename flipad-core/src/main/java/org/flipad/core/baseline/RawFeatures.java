package org.flipad.core.baseline;

import org.flipad.core.data.Image8;
import org.flipad.core.data.PixelScaling;

/**
 * RawPAD's features: the pixels in the model range {@code x = 2k/255 − 1} ({@link PixelScaling}),
 * not standardised (as in the reference, which feeds raw pixels to DeepSAD).
 */
public final class RawFeatures {
  private RawFeatures() {}

  /**
   * Scales the pixels.
   *
   * @param image 1 or 3 channels, any size
   * @return {@code [C, H, W]} float32 in [−1, 1], C order
   */
  public static float[] of(Image8 image) {
    return PixelScaling.toUnitRangeFloat(image.pixels());
  }
}
