package org.flipad.core.benchmark;

import java.util.SplittableRandom;
import org.flipad.core.generator.MeanActivation;
import org.flipad.core.inversion.ConvTransposeLayer;
import org.flipad.core.inversion.InversionSpec;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.SparseColumns;

/**
 * A benchmark problem: a random final layer with DCGAN's initialisation N(0, 0.02) (trained DCGAN
 * final layers keep weights of that order), ā from 5,000 draws of {@link ReluActivationSource}, and
 * images x = tanh(W·a) for fresh activations a, quantised to 8 bits (x = 2k/255 − 1) as real images
 * are.
 *
 * @param size the problem size
 * @param spec layer, tanh, ā and λ
 * @param images [N][C·H·W] float32 in [−1, 1]
 * @param seed the seed everything was drawn from
 */
public record SyntheticProblem(ProblemSize size, InversionSpec spec, float[][] images, long seed) {

  /** Weight standard deviation of DCGAN's initialisation. */
  public static final double WEIGHT_STD = 0.02;

  /**
   * Draws a problem.
   *
   * @param size problem size
   * @param imageCount N
   * @param lambda λ
   * @param seed seed of the layer, ā and the images
   */
  public static SyntheticProblem create(
      ProblemSize size, int imageCount, double lambda, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int k = size.geometry().kernel();
    float[] weight = new float[size.activation().channels() * size.outChannels() * k * k];
    for (int i = 0; i < weight.length; i++) {
      weight[i] = (float) (WEIGHT_STD * Gaussian.next(random));
    }
    ConvTransposeLayer layer =
        new ConvTransposeLayer(
            size.activation(), size.outChannels(), size.geometry(), weight, null);
    float[] aBar =
        MeanActivation.estimate(
            new ReluActivationSource(size.activation(), random.nextLong()),
            MeanActivation.DEFAULT_DRAWS,
            MeanActivation.DEFAULT_BATCH);
    InversionSpec spec = new InversionSpec(layer, OutputActivation.TANH, aBar, lambda);
    return new SyntheticProblem(size, spec, images(layer, imageCount, random.nextLong()), seed);
  }

  private static float[][] images(ConvTransposeLayer layer, int count, long seed) {
    float[][] activations = new ReluActivationSource(layer.inputShape(), seed).next(count);
    float[][] images = new float[count][];
    SparseColumns w = layer.columns();
    for (int n = 0; n < count; n++) {
      double[] a = new double[activations[n].length];
      for (int j = 0; j < a.length; j++) {
        a[j] = activations[n][j];
      }
      double[] y = new double[w.rows()];
      w.multiply(a, y);
      images[n] = new float[y.length];
      for (int i = 0; i < y.length; i++) {
        long k = Math.round((Math.tanh(y[i]) + 1) * 255 / 2);
        images[n][i] = (float) (2.0 * k / 255 - 1);
      }
    }
    return images;
  }
}
