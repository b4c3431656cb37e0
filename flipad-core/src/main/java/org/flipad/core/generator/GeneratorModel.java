package org.flipad.core.generator;

import java.util.SplittableRandom;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.OutputActivation;

/**
 * A loaded generator x = σ(L(g(z))) as FLIPAD needs it: images, penultimate activations g(z), and
 * the final layer L with its output activation σ in the form the inversion engine consumes.
 *
 * <p>Implementations: the architectures trained in Java ({@code architecture}) and imported
 * TorchScript generators ({@code imported}). Inference is deterministic for a given z (BatchNorm in
 * evaluation mode). One thread at a time, as with a DJL Predictor; closing releases native memory.
 */
public interface GeneratorModel extends AutoCloseable {

  /** Latent, penultimate and image shapes. */
  GeneratorShape shape();

  /**
   * Generates images.
   *
   * @param z [N][latentSize] latent codes, N ≥ 1
   * @return [N][image.size()] float32 in the activation's range (tanh: [−1, 1]), C order
   */
  float[][] sample(float[][] z);

  /**
   * Computes the penultimate activations g(z).
   *
   * @param z [N][latentSize] latent codes, N ≥ 1
   * @return [N][penultimate.size()] float32, C order
   */
  float[][] penultimate(float[][] z);

  /** The final layer L (weights copied out of the model), the input of the inversion engine. */
  FinalLayer finalLayer();

  /** The output activation σ after the final layer. */
  OutputActivation outputActivation();

  /**
   * A view drawing z ~ N(0, I) from {@code new SplittableRandom(seed)} and returning g(z); the same
   * seed gives the same sequence of batches. Valid while this model is open; one thread at a time.
   */
  default PenultimateSource penultimateSource(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    GeneratorModel model = this;
    return new PenultimateSource() {
      @Override
      public org.flipad.core.inversion.TensorShape shape() {
        return model.shape().penultimate();
      }

      @Override
      public float[][] next(int count) {
        return model.penultimate(LatentNoise.draw(random, count, model.shape().latentSize()));
      }
    };
  }

  /** Releases the model's native memory; later calls fail. */
  @Override
  void close();
}
