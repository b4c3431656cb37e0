package org.flipad.core.attribution;

import java.util.List;
import java.util.function.Function;
import org.flipad.core.data.Image8;
import org.flipad.core.feature.FeatureShape;

/**
 * A baseline's features, computed image by image with no solver: RawPAD's pixels or DCTPAD's
 * log-spectrum ({@code org.flipad.core.baseline}).
 */
public final class PerImageFeatureExtractor implements FeatureExtractor {

  private final String method;
  private final FeatureShape shape;
  private final Function<Image8, float[]> features;

  /**
   * @param method the method's name, e.g. "rawpad"
   * @param shape C×H×W of every feature row
   * @param features one image → its C·H·W row
   */
  public PerImageFeatureExtractor(
      String method, FeatureShape shape, Function<Image8, float[]> features) {
    this.method = method;
    this.shape = shape;
    this.features = features;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public FeatureShape shape() {
    return shape;
  }

  @Override
  public ExtractedFeatures extract(List<Image8> images) {
    float[][] rows = new float[images.size()][];
    for (int i = 0; i < rows.length; i++) {
      Image8 image = images.get(i);
      if (image.channels() != shape.channels()
          || image.height() != shape.height()
          || image.width() != shape.width()) {
        throw new IllegalArgumentException(
            String.format(
                "%s expects %d×%d×%d images; image %d is %d×%d×%d. Resize or convert it first.",
                method,
                shape.channels(),
                shape.height(),
                shape.width(),
                i,
                image.channels(),
                image.height(),
                image.width()));
      }
      rows[i] = features.apply(image);
    }
    return ExtractedFeatures.withoutSolver(rows);
  }
}
