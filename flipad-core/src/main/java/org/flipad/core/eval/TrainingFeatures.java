package org.flipad.core.eval;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.flipad.core.attribution.FeatureExtractor;
import org.flipad.core.data.Image8;

/**
 * Extracts training features in chunks and reports "training features: N of M images" after each,
 * so a slow recipe (the paper's lasso takes seconds per image) shows its progress. Every
 * extractor's features depend on the image alone, so chunking changes no result. Used by {@link
 * MethodRunner}.
 */
final class TrainingFeatures {
  private static final int CHUNK = 256;
  private final FeatureExtractor extractor;
  private final Consumer<String> step;
  private final int total;
  private int done;

  TrainingFeatures(FeatureExtractor extractor, Consumer<String> step, int total) {
    this.extractor = extractor;
    this.step = step;
    this.total = total;
    step.accept(message());
  }

  float[][] extract(List<Image8> images) {
    float[][] rows = new float[images.size()][];
    for (int from = 0; from < images.size(); from += CHUNK) {
      int to = Math.min(images.size(), from + CHUNK);
      float[][] chunk = extractor.extract(images.subList(from, to)).rows();
      System.arraycopy(chunk, 0, rows, from, chunk.length);
      done += chunk.length;
      step.accept(message());
    }
    return rows;
  }

  private String message() {
    return String.format(Locale.ROOT, "training features: %,d of %,d images", done, total);
  }
}
