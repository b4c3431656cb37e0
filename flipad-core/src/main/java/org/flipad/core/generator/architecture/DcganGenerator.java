package org.flipad.core.generator.architecture;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.flipad.core.generator.GeneratorShape;
import org.flipad.core.generator.layer.Layers;
import org.flipad.core.generator.layer.NetworkInitialisation;
import org.flipad.core.generator.layer.TransposedConv2d;
import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.ConvTransposeLayer;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.TensorShape;

/**
 * The DCGAN generator for 28×28×1 images (MNIST), as DJL blocks that can be trained:
 *
 * <ol>
 *   <li>z [N, 100] float32, z ~ N(0, I)
 *   <li>Linear 100 → 128·7·7 = 6272 (with bias)
 *   <li>BatchNorm over the 6272 features (PyTorch momentum 0.1, i.e. DJL momentum 0.9; eps 1e-5)
 *   <li>ReLU
 *   <li>reshape → [N, 128, 7, 7]
 *   <li>TransposedConv2d 128 → 64, k4 s2 p1 (with bias) → [N, 64, 14, 14]
 *   <li>BatchNorm over the 64 channels (same settings)
 *   <li>ReLU → penultimate activation g(z) [N, 64, 14, 14] — end of {@link #body()}
 *   <li>TransposedConv2d 64 → 1, k4 s2 p1, no bias → [N, 1, 28, 28] — {@link #head()}, the final
 *       layer L(a) = W·a
 *   <li>tanh → image x in [−1, 1]
 * </ol>
 *
 * <p>{@link #block()} is body, head and tanh in sequence (z → x); {@link #body()} (z → g(z)) and
 * {@link #head()} (g(z) → W·g(z)) share its parameters.
 *
 * <p>Initialisation: {@link NetworkInitialisation} (DCGAN's {@code weights_init}, seeded).
 */
public final class DcganGenerator implements GeneratorNetwork {

  /** Architecture id in bundles and on the command line. */
  public static final String ARCHITECTURE = "dcgan";

  /** Length of z. */
  public static final int LATENT_SIZE = 100;

  /** Shape of g(z), the head's input. */
  public static final TensorShape PENULTIMATE_SHAPE = new TensorShape(64, 14, 14);

  /** Shape of an image. */
  public static final TensorShape IMAGE_SHAPE = new TensorShape(1, 28, 28);

  /** The geometry of both transposed convolutions. */
  public static final ConvGeometry GEOMETRY = new ConvGeometry(4, 2, 1);

  private static final int BASE_CHANNELS = 128;
  private static final int BASE_SIZE = 7;

  private final SequentialBlock body;
  private final TransposedConv2d head;
  private final SequentialBlock block;

  /**
   * Builds the blocks and attaches seeded initialisers; parameters are drawn when the block is
   * initialised (for example by {@code block().initialize(manager, FLOAT32, new Shape(1, 100))}).
   *
   * @param seed the initialisation seed
   */
  public DcganGenerator(long seed) {
    this.body =
        new SequentialBlock()
            .add(Linear.builder().setUnits((long) BASE_CHANNELS * BASE_SIZE * BASE_SIZE).build())
            .add(Layers.batchNorm())
            .add(Activation.reluBlock())
            .add(Layers.toFeatureMap(BASE_CHANNELS, BASE_SIZE))
            .add(new TransposedConv2d(BASE_CHANNELS, PENULTIMATE_SHAPE.channels(), GEOMETRY, true))
            .add(Layers.batchNorm())
            .add(Activation.reluBlock());
    this.head =
        new TransposedConv2d(PENULTIMATE_SHAPE.channels(), IMAGE_SHAPE.channels(), GEOMETRY, false);
    this.block = new SequentialBlock().add(body).add(head).add(Activation.tanhBlock());
    NetworkInitialisation.seed(block, seed);
  }

  @Override
  public String architecture() {
    return ARCHITECTURE;
  }

  @Override
  public GeneratorShape shape() {
    return new GeneratorShape(LATENT_SIZE, PENULTIMATE_SHAPE, IMAGE_SHAPE);
  }

  @Override
  public OutputActivation activation() {
    return OutputActivation.TANH;
  }

  /** The head's weight [64, 1, 4, 4] copied unchanged: k4 s2 p1, no bias. */
  @Override
  public ConvTransposeLayer finalLayer(NDArray weight, NDArray biasOrNull) {
    return new ConvTransposeLayer(
        PENULTIMATE_SHAPE, IMAGE_SHAPE.channels(), GEOMETRY, weight.toFloatArray(), null);
  }

  /** The whole generator: z [N, 100] → x [N, 1, 28, 28] float32 in [−1, 1]. */
  @Override
  public Block block() {
    return block;
  }

  /** Everything before the final layer: z [N, 100] → g(z) [N, 64, 14, 14] float32, ≥ 0. */
  @Override
  public Block body() {
    return body;
  }

  /** The final layer: g(z) [N, 64, 14, 14] → W·g(z) [N, 1, 28, 28], weight [64, 1, 4, 4]. */
  @Override
  public TransposedConv2d head() {
    return head;
  }
}
