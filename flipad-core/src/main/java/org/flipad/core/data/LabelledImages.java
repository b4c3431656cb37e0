package org.flipad.core.data;

import java.util.List;

/**
 * Images with one class label each, in the same order: {@code labels[i]} belongs to {@code
 * images.get(i)}.
 *
 * <p>Neither the list nor the array is copied; treat both as read-only.
 *
 * @param images the images, in dataset order
 * @param labels one label per image, 0..255 as stored in an IDX label file
 */
public record LabelledImages(List<Image8> images, int[] labels) {
  /** Checks that there is one label per image. */
  public LabelledImages {
    if (images.size() != labels.length) {
      throw new IllegalArgumentException(
          images.size()
              + " images but "
              + labels.length
              + " labels; expected one label per image."
              + " Pair an image file with the label file of the same split.");
    }
  }

  /** Number of images, N. */
  public int size() {
    return labels.length;
  }
}
