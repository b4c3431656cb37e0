package org.flipad.core.attribution;

import java.util.ArrayList;
import java.util.List;
import org.flipad.core.data.Image8;
import org.flipad.core.feature.FeatureShape;
import org.flipad.core.io.FinalLayerFile;
import org.flipad.core.progress.ProgressListener;

/**
 * One extractor used for every image of a detector build, inverting in batches and reporting
 * progress over all of them, and keeping every image's relative gap for the bundle's summary.
 */
final class InversionRun implements AutoCloseable {

  private static final int BATCH = 64;

  private final InversionFeatureExtractor extractor;
  private final ProgressListener progress;
  private final long total;
  private final List<Double> gaps = new ArrayList<>();

  /**
   * @param layer the target's final layer
   * @param aBar ā
   * @param inversion the recipe and its constants
   * @param total how many images the build will invert, for the progress
   * @param progress receives the task "invert"
   */
  InversionRun(
      FinalLayerFile layer,
      float[] aBar,
      InversionSettings inversion,
      long total,
      ProgressListener progress) {
    this.extractor =
        new InversionFeatureExtractor(layer.layer(), layer.activation(), aBar, inversion);
    this.progress = progress;
    this.total = total;
    progress.start("invert", total);
  }

  FeatureShape shape() {
    return extractor.shape();
  }

  float[][] extract(List<Image8> images) {
    float[][] rows = new float[images.size()][];
    for (int from = 0; from < images.size(); from += BATCH) {
      int to = Math.min(images.size(), from + BATCH);
      ExtractedFeatures features = extractor.extract(images.subList(from, to));
      System.arraycopy(features.rows(), 0, rows, from, to - from);
      features.solverStatistics().forEach(s -> gaps.add(s.relativeGap()));
      progress.advance(gaps.size(), "inverted " + gaps.size() + " of " + total);
    }
    return rows;
  }

  double[] gaps() {
    return gaps.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Override
  public void close() {
    extractor.close();
  }
}
