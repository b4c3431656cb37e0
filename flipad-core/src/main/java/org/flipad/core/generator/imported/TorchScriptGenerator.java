package org.flipad.core.generator.imported;

import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import org.flipad.core.generator.BatchRows;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.generator.GeneratorShape;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.TensorShape;

/**
 * A PyTorch generator imported as TorchScript and run by DJL's PyTorch engine on the CPU.
 *
 * <p>A generator folder holds three files:
 *
 * <ul>
 *   <li>{@code generator.pt}: {@code forward(z [N, latentSize] float32)} returns the images [N, C,
 *       H, W] float32 (after the output activation);
 *   <li>{@code penultimate.pt}: {@code forward(z)} returns g(z), the final layer's input;
 *   <li>{@code torchscript-generator.json}, the manifest:
 * </ul>
 *
 * <pre>{@code
 * {"format": "flipad-torchscript-generator", "version": 1, "latentSize": 8,
 *  "penultimateShape": [4, 14, 14], "imageShape": [1, 28, 28], "activation": "tanh",
 *  "finalLayer": {"kind": "conv-transpose", "kernel": 4, "stride": 2, "padding": 1,
 *                 "weight": "final.weight", "bias": null}}
 * }</pre>
 *
 * <p>{@code kind} is {@code conv-transpose}, {@code conv} or {@code dense}; {@code weight} and
 * {@code bias} name parameters of {@code generator.pt} (as in PyTorch's {@code
 * named_parameters()}), whose layouts are PyTorch's own: [C_in, C_out, k, k] for conv-transpose,
 * [C_out, C_in, k, k] for conv, [d_out, d_in] for dense (d_in the penultimate size, d_out the image
 * size); biases [C_out] or [d_out]. Modules are saved in evaluation mode and run with {@code
 * training=false}, so a sample depends only on its own z. Opening checks every shape against the
 * manifest and runs both modules once on a zero code.
 *
 * <p>Each call works in a sub-manager closed before it returns. One thread at a time; closing
 * releases both modules.
 */
public final class TorchScriptGenerator implements GeneratorModel {

  /** The manifest's file name inside a generator folder. */
  public static final String MANIFEST = "torchscript-generator.json";

  /** The stem of the module returning images. */
  public static final String GENERATOR = "generator";

  /** The stem of the module returning penultimate activations. */
  public static final String PENULTIMATE = "penultimate";

  private final Model images;
  private final Model activations;
  private final GeneratorShape shape;
  private final OutputActivation activation;
  private final FinalLayer finalLayer;

  private TorchScriptGenerator(
      Model images, Model activations, TorchScriptManifest manifest, String source) {
    this.images = images;
    this.activations = activations;
    this.shape = manifest.shape(source);
    this.activation = manifest.parsedActivation(source);
    this.finalLayer =
        FinalLayerImport.build(
            manifest.finalLayer(), shape, TorchScriptModules.parameters(images), source);
  }

  /**
   * Loads a generator folder.
   *
   * @param folder holds {@value #MANIFEST}, {@code generator.pt} and {@code penultimate.pt}
   * @throws IOException when a file is missing, unreadable, or not valid JSON / TorchScript
   * @throws IllegalArgumentException when the manifest is inconsistent with itself or with the
   *     modules (unknown field value, absent parameter name, shape mismatch, output size)
   */
  public static TorchScriptGenerator open(Path folder) throws IOException {
    String source = "Imported generator " + folder;
    TorchScriptManifest manifest = TorchScriptManifest.read(folder.resolve(MANIFEST));
    Model images = TorchScriptModules.load(folder, GENERATOR);
    Model activations = null;
    try {
      activations = TorchScriptModules.load(folder, PENULTIMATE);
      TorchScriptGenerator generator =
          new TorchScriptGenerator(images, activations, manifest, source);
      generator.probe(source);
      return generator;
    } catch (IOException | RuntimeException e) {
      images.close();
      if (activations != null) {
        activations.close();
      }
      throw e;
    }
  }

  /** Runs both modules once on a zero code, so that a wrong manifest fails at open. */
  private void probe(String source) {
    float[][] zero = new float[1][shape.latentSize()];
    try {
      sample(zero);
      penultimate(zero);
    } catch (EngineException e) {
      throw new IllegalArgumentException(
          source
              + ": a module failed on a zero latent code [1, "
              + shape.latentSize()
              + "]: "
              + e.getMessage()
              + ". Check \"latentSize\" in the manifest and that the modules take float32 z.",
          e);
    }
  }

  @Override
  public GeneratorShape shape() {
    return shape;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when a code's length is not the latent size
   */
  @Override
  public float[][] sample(float[][] z) {
    return run(images, z, shape.image());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when a code's length is not the latent size
   */
  @Override
  public float[][] penultimate(float[][] z) {
    return run(activations, z, shape.penultimate());
  }

  /** {@inheritDoc} The layer is built once at open; its weight arrays are shared, do not modify. */
  @Override
  public FinalLayer finalLayer() {
    return finalLayer;
  }

  @Override
  public OutputActivation outputActivation() {
    return activation;
  }

  private float[][] run(Model model, float[][] z, TensorShape outputShape) {
    float[] flat = BatchRows.flattenLatent(z, shape.latentSize());
    try (NDManager batch = model.getNDManager().newSubManager()) {
      NDArray input = batch.create(flat, new Shape(z.length, shape.latentSize()));
      NDArray output =
          model
              .getBlock()
              .forward(new ParameterStore(batch, false), new NDList(input), false)
              .singletonOrThrow();
      requireOutputSize(model, output, z.length, outputShape);
      float[] values = output.toType(DataType.FLOAT32, false).toFloatArray();
      return BatchRows.split(values, z.length, outputShape.size());
    }
  }

  private static void requireOutputSize(Model model, NDArray output, int count, TensorShape per) {
    if (output.size() != (long) count * per.size()) {
      throw new IllegalArgumentException(
          model.getName()
              + ".pt returned "
              + output.getShape()
              + " for "
              + count
              + " latent codes; the manifest promises "
              + count
              + " × "
              + per
              + ". Fix the shapes in "
              + MANIFEST
              + " or export the right module.");
    }
  }

  /** The manager of the image module, for tests that count its arrays. */
  NDManager imageManager() {
    return images.getNDManager();
  }

  /** Releases both modules; later calls fail. */
  @Override
  public void close() {
    images.close();
    activations.close();
  }
}
