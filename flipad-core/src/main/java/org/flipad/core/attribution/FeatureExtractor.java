package org.flipad.core.attribution;

import java.util.List;
import org.flipad.core.data.Image8;
import org.flipad.core.feature.FeatureShape;

/**
 * Turns 8-bit images into the feature maps a detector is trained on: FLIPAD's recovered
 * activations, or a baseline's raw pixels or DCT spectrum. Not thread-safe; close releases native
 * memory.
 */
public interface FeatureExtractor extends AutoCloseable {

  /** The method's stable name, e.g. "flipad", "rawpad", "dctpad". */
  String method();

  /** The C×H×W of one feature sample. */
  FeatureShape shape();

  /**
   * Extracts features.
   *
   * @param images images of the layout the extractor expects (checked)
   * @return one C·H·W row per image, in order, and per-image solver statistics where the method
   *     solves anything
   */
  ExtractedFeatures extract(List<Image8> images);

  /** Releases native resources; the default does nothing. */
  @Override
  default void close() {}
}
