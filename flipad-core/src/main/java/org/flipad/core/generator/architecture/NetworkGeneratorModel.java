package org.flipad.core.generator.architecture;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.flipad.core.generator.BatchRows;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.generator.GeneratorShape;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.TensorShape;

/**
 * Owns one {@link GeneratorNetwork} and the DJL {@link Model} holding its parameters; samples
 * images and penultimate activations from Java arrays, exports the final layer for inversion, and
 * saves and loads the parameters.
 *
 * <p>Inference runs BatchNorm in evaluation mode (running statistics), so a sample depends only on
 * its own z, not on the rest of the batch. The FLIPAD reference leaves the generator in training
 * mode (batch statistics) when it estimates ā; results differ from the reference by that choice.
 *
 * <p>Each call works in a sub-manager closed before it returns, so the model's array count stays
 * flat. Use one thread at a time, as with a DJL Predictor. Closing releases the parameters.
 */
public final class NetworkGeneratorModel implements GeneratorModel {

  private final GeneratorNetwork network;
  private final Model model;

  private NetworkGeneratorModel(GeneratorNetwork network, Model model) {
    this.network = network;
    this.model = model;
  }

  /**
   * The network with its freshly drawn, seeded initial weights.
   *
   * @param network blocks not yet initialised
   */
  public static NetworkGeneratorModel initialised(GeneratorNetwork network) {
    Model model = Model.newInstance(network.architecture());
    try {
      model.setBlock(network.block());
      network
          .block()
          .initialize(
              model.getNDManager(), DataType.FLOAT32, new Shape(1, network.shape().latentSize()));
      return new NetworkGeneratorModel(network, model);
    } catch (RuntimeException e) {
      model.close();
      throw new IllegalStateException(
          "Could not initialise the " + network.architecture() + " generator: " + e.getMessage(),
          e);
    }
  }

  /**
   * The network with parameters read from a stream written by {@link #save}.
   *
   * @param network blocks of the same architecture the parameters were saved from
   * @throws IOException when the stream cannot be read or does not hold this architecture's
   *     parameters
   */
  public static NetworkGeneratorModel load(GeneratorNetwork network, InputStream in)
      throws IOException {
    NetworkGeneratorModel loaded = initialised(network);
    try {
      network.block().loadParameters(loaded.model.getNDManager(), new DataInputStream(in));
      return loaded;
    } catch (MalformedModelException | RuntimeException e) {
      loaded.close();
      throw new IOException(
          "The weights do not fit the "
              + network.architecture()
              + " generator: "
              + e.getMessage()
              + ". Check that the bundle's architecture matches its weights file.",
          e);
    }
  }

  /** Writes every parameter, running statistics included, in DJL's parameter format. */
  public void save(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    network.block().saveParameters(data);
    data.flush();
  }

  /** The blocks, for training; they share this model's parameters. */
  public GeneratorNetwork network() {
    return network;
  }

  /** The manager holding the parameters, for trainers that attach optimiser state to it. */
  public NDManager manager() {
    return model.getNDManager();
  }

  @Override
  public GeneratorShape shape() {
    return network.shape();
  }

  @Override
  public float[][] sample(float[][] z) {
    return run(network.block(), z, network.shape().image());
  }

  @Override
  public float[][] penultimate(float[][] z) {
    return run(network.body(), z, network.shape().penultimate());
  }

  /** The head's current weights as an inversion layer (see the architecture's Javadoc). */
  @Override
  public FinalLayer finalLayer() {
    Parameter bias = network.head().getParameters().get("bias");
    return network.finalLayer(
        network.head().getParameters().get("weight").getArray(),
        bias == null ? null : bias.getArray());
  }

  @Override
  public OutputActivation outputActivation() {
    return network.activation();
  }

  private float[][] run(Block block, float[][] z, TensorShape outputShape) {
    int d = network.shape().latentSize();
    float[] flat = BatchRows.flattenLatent(z, d);
    try (NDManager batch = model.getNDManager().newSubManager()) {
      NDArray input = batch.create(flat, new Shape(z.length, d));
      NDArray output =
          block
              .forward(new ParameterStore(batch, false), new NDList(input), false)
              .singletonOrThrow();
      return BatchRows.split(output.toFloatArray(), z.length, outputShape.size());
    }
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
