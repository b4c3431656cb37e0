package org.flipad.core.generator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.flipad.core.data.Image8;
import org.flipad.core.data.PngWriter;
import org.flipad.core.inversion.TensorShape;
import org.flipad.core.progress.ProgressListener;

/** Writes generated images as individual 8-bit PNG files. */
public final class GeneratorSamples {
  private GeneratorSamples() {}

  /**
   * Samples {@code count} images in batches and writes {@code sample-00000.png}, … into {@code
   * directory}. Codes are drawn from {@code random} in file order, so a seed fixes every image
   * regardless of the batch size. Pixels: k = clamp(round((x + 1)·127.5), 0, 255).
   */
  public static void writePngs(
      GeneratorModel generator,
      SplittableRandom random,
      int count,
      int batchSize,
      Path directory,
      ProgressListener progress)
      throws IOException {
    TensorShape shape = generator.shape().image();
    progress.start("sample", count);
    for (int done = 0; done < count; ) {
      int n = Math.min(batchSize, count - done);
      float[][] images =
          generator.sample(LatentNoise.draw(random, n, generator.shape().latentSize()));
      for (int i = 0; i < n; i++) {
        Image8 image =
            Image8.fromUnitRange(images[i], shape.channels(), shape.height(), shape.width());
        PngWriter.write(image, directory.resolve(String.format("sample-%05d.png", done + i)));
      }
      done += n;
      progress.advance(done, done + " images");
    }
    progress.finish(count + " images in " + directory);
  }
}
