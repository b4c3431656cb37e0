package org.flipad.core.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * PyTorch's default weight initialisation for {@code nn.Conv2d} and {@code nn.Linear} ({@code
 * kaiming_uniform_(a=√5)}): U(−b, b) with b = 1/√fan_in, fan_in the product of every dimension but
 * the first ([out, in, k, k] → in·k·k; [out, in] → in). The DeepSAD reference keeps these defaults.
 * Values come from this parameter's own Java stream, so they depend only on the seed; they are not
 * PyTorch's draws for the seed.
 */
final class KaimingUniformInitializer implements Initializer {

  private final SplittableRandom random;

  /**
   * @param random this parameter's stream, consumed on use
   */
  KaimingUniformInitializer(SplittableRandom random) {
    this.random = random;
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    long fanIn = shape.size() / shape.get(0);
    double bound = 1 / Math.sqrt(fanIn);
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-bound, bound);
    }
    return manager.create(values, shape).toType(dataType, false);
  }
}
