package org.flipad.core.generator.architecture;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.flipad.core.generator.PenultimateSource;
import org.flipad.core.inversion.ConvTransposeLayer;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.TensorShape;

/**
 * Owns one {@link DcganGenerator} and the DJL {@link Model} holding its parameters; samples images
 * and penultimate activations from Java arrays and exports the final layer for inversion.
 *
 * <p>Inference runs BatchNorm in evaluation mode (running statistics), so a sample depends only on
 * its own z, not on the rest of the batch. The FLIPAD reference leaves the generator in training
 * mode (batch statistics) when it estimates ā; results differ from the reference by that choice.
 *
 * <p>Each call works in a sub-manager closed before it returns, so the model's array count stays
 * flat. Use one thread at a time (concurrent calls are not tested), as with a DJL Predictor.
 * Closing the model releases the parameters; later calls fail.
 */
public final class DcganModel implements AutoCloseable {

  private final DcganGenerator generator;
  private final Model model;

  private DcganModel(DcganGenerator generator, Model model) {
    this.generator = generator;
    this.model = model;
  }

  /**
   * A generator with freshly drawn DCGAN weights (see {@link DcganGenerator}): the same seed gives
   * the same weights, bit for bit.
   *
   * @param seed the initialisation seed
   */
  public static DcganModel initialised(long seed) {
    DcganGenerator generator = new DcganGenerator(seed);
    Model model = Model.newInstance("dcgan-28x28x1-seed-" + seed);
    try {
      model.setBlock(generator.block());
      generator
          .block()
          .initialize(
              model.getNDManager(), DataType.FLOAT32, new Shape(1, DcganGenerator.LATENT_SIZE));
      return new DcganModel(generator, model);
    } catch (RuntimeException e) {
      model.close();
      throw new IllegalStateException(
          "Could not initialise the DCGAN generator with seed " + seed + ": " + e.getMessage(), e);
    }
  }

  /** The blocks, for training; they share this model's parameters. */
  public DcganGenerator generator() {
    return generator;
  }

  /**
   * Generates images x = tanh(W·g(z)).
   *
   * @param z [N][100] latent codes, N ≥ 1
   * @return [N][784] float32 in [−1, 1], C order (1 × 28 × 28)
   */
  public float[][] sample(float[][] z) {
    return run(generator.block(), z, DcganGenerator.IMAGE_SHAPE);
  }

  /**
   * Computes the penultimate activations g(z).
   *
   * @param z [N][100] latent codes, N ≥ 1
   * @return [N][64·14·14] float32, ≥ 0, C order (64 × 14 × 14)
   */
  public float[][] penultimate(float[][] z) {
    return run(generator.body(), z, DcganGenerator.PENULTIMATE_SHAPE);
  }

  /**
   * The final layer L(a) = W·a as an inversion layer: the head's weight [64, 1, 4, 4] float32
   * copied unchanged, k4 s2 p1, no bias. Its output activation is {@link #outputActivation()}.
   */
  public ConvTransposeLayer finalLayer() {
    float[] weight = generator.head().weight().getArray().toFloatArray();
    return new ConvTransposeLayer(
        DcganGenerator.PENULTIMATE_SHAPE,
        DcganGenerator.IMAGE_SHAPE.channels(),
        DcganGenerator.GEOMETRY,
        weight,
        null);
  }

  /** The output activation σ after the final layer: tanh. */
  public OutputActivation outputActivation() {
    return OutputActivation.TANH;
  }

  /**
   * A view drawing z ~ N(0, I) from {@code new SplittableRandom(seed)} and returning g(z); the same
   * seed gives the same sequence of batches. Valid while this model is open; one thread at a time.
   *
   * @param seed the noise seed
   */
  public PenultimateSource penultimateSource(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return new PenultimateSource() {
      @Override
      public TensorShape shape() {
        return DcganGenerator.PENULTIMATE_SHAPE;
      }

      @Override
      public float[][] next(int count) {
        return penultimate(latent(random, count));
      }
    };
  }

  /**
   * Draws latent codes z ~ N(0, I).
   *
   * @return [count][100] float32
   */
  public static float[][] latent(SplittableRandom random, int count) {
    if (count < 1) {
      throw new IllegalArgumentException(
          "Asked for " + count + " latent codes; expected at least 1.");
    }
    float[][] z = new float[count][DcganGenerator.LATENT_SIZE];
    for (float[] row : z) {
      for (int j = 0; j < row.length; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    return z;
  }

  private float[][] run(Block block, float[][] z, TensorShape outputShape) {
    float[] flat = flatten(z);
    try (NDManager batch = model.getNDManager().newSubManager()) {
      NDArray input = batch.create(flat, new Shape(z.length, DcganGenerator.LATENT_SIZE));
      NDArray output =
          block
              .forward(new ParameterStore(batch, false), new NDList(input), false)
              .singletonOrThrow();
      return rows(output.toFloatArray(), z.length, outputShape.size());
    }
  }

  private static float[] flatten(float[][] z) {
    int d = DcganGenerator.LATENT_SIZE;
    if (z.length < 1) {
      throw new IllegalArgumentException(
          "No latent codes given; expected [N][" + d + "] with N ≥ 1.");
    }
    float[] flat = new float[z.length * d];
    for (int i = 0; i < z.length; i++) {
      if (z[i].length != d) {
        throw new IllegalArgumentException(
            "Latent code "
                + i
                + " has "
                + z[i].length
                + " values; the generator expects "
                + d
                + ". Draw z with DcganModel.latent.");
      }
      System.arraycopy(z[i], 0, flat, i * d, d);
    }
    return flat;
  }

  private static float[][] rows(float[] flat, int count, int size) {
    float[][] rows = new float[count][];
    for (int i = 0; i < count; i++) {
      rows[i] = Arrays.copyOfRange(flat, i * size, (i + 1) * size);
    }
    return rows;
  }

  /** The model's manager, for tests that count its arrays. */
  NDManager modelManager() {
    return model.getNDManager();
  }

  /** Releases the parameters and every array of the model. */
  @Override
  public void close() {
    model.close();
  }
}
