package org.flipad.core.generator.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Draws a parameter N(mean, sigma²) from its own Java random stream, so initial weights depend only
 * on the seed, not on the engine's global generator, the thread or the order of other draws.
 */
final class SeededNormalInitializer implements Initializer {

  private final SplittableRandom random;
  private final double mean;
  private final double sigma;

  /**
   * @param random this parameter's stream (split from the generator's seed), consumed on use
   * @param mean the normal's mean
   * @param sigma the normal's standard deviation
   */
  SeededNormalInitializer(SplittableRandom random, double mean, double sigma) {
    this.random = random;
    this.mean = mean;
    this.sigma = sigma;
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (mean + sigma * random.nextGaussian());
    }
    return manager.create(values, shape).toType(dataType, false);
  }
}
