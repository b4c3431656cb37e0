package org.flipad.core.attribution;

import java.util.Objects;
import org.flipad.core.data.ImageSource;

/**
 * One source of images a detector must refuse: real images, another generator (sampled on the fly)
 * or reviewers' overturned uploads. A detector is trained against a weighted bank of them.
 *
 * @param kind what the images are
 * @param identity where they come from, recorded in the bundle: the dataset's name and file digest,
 *     or the generator bundle's sha256
 * @param weight the share of the negative training images drawn from this source, relative to the
 *     other sources' weights, &gt; 0
 * @param images draws the images; the same seed gives the same images
 */
public record NegativeSource(Kind kind, String identity, double weight, ImageSource images) {

  /** What a negative source's images are. */
  public enum Kind {
    /** Real photographs (a dataset or a folder). */
    REAL,
    /** Samples of another generative model. */
    GENERATOR,
    /** Uploads a reviewer overturned: real uploads the target was wrongly blamed for. */
    FEEDBACK
  }

  /** Validates the fields. */
  public NegativeSource {
    Objects.requireNonNull(kind, "NegativeSource.kind");
    Objects.requireNonNull(images, "NegativeSource.images");
    identity = identity == null ? "" : identity;
    if (!(weight > 0) || !Double.isFinite(weight)) {
      throw new IllegalArgumentException(
          "Negative source '"
              + images.name()
              + "' has weight "
              + weight
              + "; expected a finite value > 0 (its share of the negative training images).");
    }
  }

  /** The source's name in reports, e.g. "real" or "lsgan-seed2". */
  public String name() {
    return images.name();
  }

  /** What the bundle records of this source once a build drew {@code trained} images from it. */
  public NegativeSourceRecord record(int trained, int heldOut) {
    return new NegativeSourceRecord(name(), kind, identity, weight, trained, heldOut);
  }
}
