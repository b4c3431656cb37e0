package org.flipad.core.generator.imported;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.flipad.core.generator.GeneratorShape;
import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.ConvLayer;
import org.flipad.core.inversion.ConvTransposeLayer;
import org.flipad.core.inversion.DenseLayer;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.FinalLayerKind;
import org.flipad.core.inversion.TensorShape;

/**
 * Builds the inversion {@link FinalLayer} from a manifest's {@code "finalLayer"} entry and the
 * named parameters of the generator module, checking every shape against the manifest.
 *
 * <p>Weight layouts expected in the module (PyTorch's own): {@code ConvTranspose2d} [C_in, C_out,
 * k, k], {@code Conv2d} [C_out, C_in, k, k], {@code Linear} [d_out, d_in] with d_in the penultimate
 * size and d_out the image size; biases [C_out] or [d_out]. Stateless.
 */
final class FinalLayerImport {

  private FinalLayerImport() {}

  /**
   * The final layer L with weights copied from {@code parameters}.
   *
   * @param entry the manifest's final-layer entry
   * @param shape the manifest's shapes: L maps the penultimate shape onto the image shape
   * @param parameters the module's parameters by name; only the named ones are copied
   * @param source names the generator folder in messages
   * @throws IllegalArgumentException when a named parameter is absent or a shape disagrees
   */
  static FinalLayer build(
      FinalLayerEntry entry,
      GeneratorShape shape,
      Map<String, Supplier<ModuleTensor>> parameters,
      String source) {
    FinalLayerKind kind = entry.parsedKind(source);
    ModuleTensor weight = named(parameters, entry.weight(), "weight", source);
    ModuleTensor bias =
        entry.bias() == null ? null : named(parameters, entry.bias(), "bias", source);
    if (kind == FinalLayerKind.DENSE) {
      return dense(entry, shape, weight, bias, source);
    }
    FinalLayer layer = convolution(entry, kind, shape, weight, bias, source);
    TorchScriptManifest.require(
        layer.outputShape().equals(shape.image()),
        source,
        "describes a final layer mapping " + shape.penultimate() + " onto " + layer.outputShape(),
        "the \"imageShape\" " + shape.image() + "; fix the geometry or the shapes");
    return layer;
  }

  private static FinalLayer convolution(
      FinalLayerEntry entry,
      FinalLayerKind kind,
      GeneratorShape shape,
      ModuleTensor weight,
      ModuleTensor bias,
      String source) {
    ConvGeometry g = entry.geometry(source);
    TensorShape in = shape.penultimate();
    int out = shape.image().channels();
    int k = g.kernel();
    boolean transposed = kind == FinalLayerKind.CONV_TRANSPOSE;
    int[] expected =
        transposed ? new int[] {in.channels(), out, k, k} : new int[] {out, in.channels(), k, k};
    requireShape(
        entry.weight(),
        weight,
        expected,
        transposed ? "[C_in, C_out, k, k]" : "[C_out, C_in, k, k]",
        source);
    float[] b = biasValues(entry, bias, out, source);
    return transposed
        ? new ConvTransposeLayer(in, out, g, weight.values(), b)
        : new ConvLayer(in, out, g, weight.values(), b);
  }

  private static FinalLayer dense(
      FinalLayerEntry entry,
      GeneratorShape shape,
      ModuleTensor weight,
      ModuleTensor bias,
      String source) {
    int inputs = shape.penultimate().size();
    int outputs = shape.image().size();
    requireShape(entry.weight(), weight, new int[] {outputs, inputs}, "[d_out, d_in]", source);
    return new DenseLayer(
        inputs, outputs, weight.values(), biasValues(entry, bias, outputs, source));
  }

  private static float[] biasValues(
      FinalLayerEntry entry, ModuleTensor bias, int size, String source) {
    if (bias == null) {
      return null;
    }
    requireShape(entry.bias(), bias, new int[] {size}, "[C_out] (or [d_out] for dense)", source);
    return bias.values();
  }

  private static ModuleTensor named(
      Map<String, Supplier<ModuleTensor>> parameters, String name, String role, String source) {
    Supplier<ModuleTensor> tensor = parameters.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException(
          source
              + ": the manifest names the final layer's "
              + role
              + " \""
              + name
              + "\", but generator.pt has no parameter of that name; it has "
              + parameters.keySet()
              + ". Fix \"finalLayer."
              + role
              + "\" in the manifest.");
    }
    return tensor.get();
  }

  private static void requireShape(
      String name, ModuleTensor tensor, int[] expected, String layout, String source) {
    if (!tensor.hasShape(expected)) {
      throw new IllegalArgumentException(
          source
              + ": parameter \""
              + name
              + "\" of generator.pt has shape "
              + Arrays.toString(tensor.shape())
              + ", but the manifest's shapes and kind imply "
              + layout
              + " = "
              + Arrays.toString(expected)
              + ". Fix the manifest (shapes, kernel, kind) or name the right parameter.");
    }
  }
}
