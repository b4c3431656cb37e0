package org.flipad.core.benchmark;

import java.util.SplittableRandom;
import org.flipad.core.generator.PenultimateSource;
import org.flipad.core.inversion.TensorShape;

/**
 * Synthetic penultimate activations shaped like a DCGAN's after BatchNorm and ReLU: independent
 * max(0, N(0, 1)) entries (about half are zero). Seeded; not thread-safe.
 */
public final class ReluActivationSource implements PenultimateSource {

  private final TensorShape shape;
  private final SplittableRandom random;

  /**
   * @param shape per-sample shape
   * @param seed seed of the stream
   */
  public ReluActivationSource(TensorShape shape, long seed) {
    this.shape = shape;
    this.random = new SplittableRandom(seed);
  }

  @Override
  public TensorShape shape() {
    return shape;
  }

  @Override
  public float[][] next(int count) {
    float[][] batch = new float[count][shape.size()];
    for (float[] sample : batch) {
      for (int j = 0; j < sample.length; j++) {
        sample[j] = (float) Math.max(0, Gaussian.next(random));
      }
    }
    return batch;
  }
}
