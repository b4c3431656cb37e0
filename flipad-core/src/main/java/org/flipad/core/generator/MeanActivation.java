package org.flipad.core.generator;

/**
 * The mean penultimate activation ā = (1/N)·Σ g(z_i) over N noise draws (FLIPAD step 2.2), in
 * batches, with memory independent of N: one double accumulator of the activation's size.
 *
 * <p>Whether BatchNorm runs in training or evaluation mode while drawing is the source's choice
 * (the reference leaves it in training mode); sources document theirs.
 */
public final class MeanActivation {

  /** The reference's number of draws. */
  public static final int DEFAULT_DRAWS = 5_000;

  /** The reference's batch size. */
  public static final int DEFAULT_BATCH = 128;

  private MeanActivation() {}

  /**
   * Estimates ā.
   *
   * @param source the generator's penultimate activations
   * @param draws N ≥ 1
   * @param batchSize draws per call to the source, ≥ 1
   * @return ā, [shape().size()] float32
   */
  public static float[] estimate(PenultimateSource source, int draws, int batchSize) {
    if (draws < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "Mean activation needs draws ≥ 1 and batch size ≥ 1, got draws="
              + draws
              + ", batch="
              + batchSize
              + ". The reference uses 5000 draws in batches of 128.");
    }
    int size = source.shape().size();
    double[] sum = new double[size];
    for (int done = 0; done < draws; ) {
      int count = Math.min(batchSize, draws - done);
      accumulate(sum, source.next(count), count, size);
      done += count;
    }
    float[] mean = new float[size];
    for (int j = 0; j < size; j++) {
      mean[j] = (float) (sum[j] / draws);
    }
    return mean;
  }

  private static void accumulate(double[] sum, float[][] batch, int expected, int size) {
    if (batch.length != expected) {
      throw new IllegalStateException(
          "Penultimate source returned "
              + batch.length
              + " samples; "
              + expected
              + " were asked for.");
    }
    for (float[] sample : batch) {
      if (sample.length != size) {
        throw new IllegalStateException(
            "Penultimate source returned a sample of "
                + sample.length
                + " values; its shape says "
                + size
                + ".");
      }
      for (int j = 0; j < size; j++) {
        if (!Float.isFinite(sample[j])) {
          throw new IllegalStateException(
              "Penultimate source returned a non-finite activation ("
                  + sample[j]
                  + ") at index "
                  + j
                  + ". The generator is broken; check its weights.");
        }
        sum[j] += sample[j];
      }
    }
  }
}
