package org.flipad.core.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ImageSource;
import org.flipad.core.inversion.TensorShape;

/**
 * Images of a generator, z ~ N(0, I) from {@code new SplittableRandom(seed)}, quantised to 8 bits
 * (k = clamp(round((x + 1)·127.5), 0, 255)) as a published image would be. Does not own the model.
 */
public final class GeneratorImageSource implements ImageSource {

  private static final int BATCH = 256;
  private final String name;
  private final GeneratorModel generator;

  /**
   * @param name the source's name in reports
   * @param generator an open generator, used from one thread
   */
  public GeneratorImageSource(String name, GeneratorModel generator) {
    this.name = name;
    this.generator = generator;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Image8> draw(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    TensorShape image = generator.shape().image();
    List<Image8> images = new ArrayList<>(count);
    while (images.size() < count) {
      int batch = Math.min(BATCH, count - images.size());
      float[][] z = LatentNoise.draw(random, batch, generator.shape().latentSize());
      for (float[] x : generator.sample(z)) {
        images.add(Image8.fromUnitRange(x, image.channels(), image.height(), image.width()));
      }
    }
    return images;
  }
}
