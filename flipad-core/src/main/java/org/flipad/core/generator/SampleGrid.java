package org.flipad.core.generator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.flipad.core.data.ImageGrid;
import org.flipad.core.data.PngWriter;
import org.flipad.core.inversion.TensorShape;

/** Writes a generator's samples as one PNG grid, the picture people look at to judge a model. */
public final class SampleGrid {

  /** Images per row and rows: 8×8 = 64 samples. */
  public static final int SIDE = 8;

  private SampleGrid() {}

  /**
   * Samples 64 codes drawn from {@code new SplittableRandom(seed)} and tiles them 8×8 (2-pixel
   * black borders) into a PNG; the same seed gives the same codes, so grids of different epochs or
   * models can be compared cell by cell.
   */
  public static void write(GeneratorModel generator, long seed, Path file) throws IOException {
    float[][] z =
        LatentNoise.draw(new SplittableRandom(seed), SIDE * SIDE, generator.shape().latentSize());
    write(generator.sample(z), generator.shape().image(), file);
  }

  /**
   * Tiles images in [−1, 1] into a grid PNG, 8 per row (pixels k = round((x + 1)·127.5)).
   *
   * @param images [N][C·H·W], N ≥ 1
   */
  public static void write(float[][] images, TensorShape shape, Path file) throws IOException {
    float[] flat = new float[images.length * shape.size()];
    for (int i = 0; i < images.length; i++) {
      System.arraycopy(images[i], 0, flat, i * shape.size(), shape.size());
    }
    PngWriter.write(
        ImageGrid.forCount(images.length, SIDE)
            .tile(ImageGrid.fromUnitRange(flat, shape.channels(), shape.height(), shape.width())),
        file);
  }
}
