package org.flipad.core.generator.imported;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loads TorchScript modules with DJL's PyTorch engine (CPU, evaluation mode) and lists their named
 * parameters as {@code named_parameters()} does in PyTorch (e.g. {@code final.weight}). Stateless;
 * callers own and close the returned models.
 */
final class TorchScriptModules {

  private TorchScriptModules() {}

  /**
   * Loads {@code <folder>/<stem>.pt}.
   *
   * @throws FileNotFoundException when the file is absent
   * @throws IOException when DJL cannot load it as TorchScript
   */
  static Model load(Path folder, String stem) throws IOException {
    Path file = folder.resolve(stem + ".pt");
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException(
          "TorchScript module "
              + file
              + " does not exist or is not a file. An imported generator folder needs "
              + TorchScriptGenerator.GENERATOR
              + ".pt and "
              + TorchScriptGenerator.PENULTIMATE
              + ".pt beside "
              + TorchScriptGenerator.MANIFEST
              + "; save them with torch.jit.script(module).save(...).");
    }
    Model model = Model.newInstance(stem, Device.cpu(), "PyTorch");
    try {
      model.load(folder, stem);
      return model;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new IOException(
          file
              + " could not be loaded as TorchScript by DJL's PyTorch engine: "
              + e.getMessage()
              + ". Save the module with torch.jit.script(module).save(path) or torch.jit.trace.",
          e);
    }
  }

  /** The module's parameters by name; a value is copied out only when asked for. */
  static Map<String, Supplier<ModuleTensor>> parameters(Model model) {
    Map<String, Supplier<ModuleTensor>> byName = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : model.getBlock().getDirectParameters()) {
      NDArray array = p.getValue().getArray();
      byName.put(p.getKey(), () -> copy(array));
    }
    return byName;
  }

  private static ModuleTensor copy(NDArray array) {
    long[] dims = array.getShape().getShape();
    if (array.getDataType() == DataType.FLOAT32) {
      return new ModuleTensor(dims, array.toFloatArray());
    }
    try (NDArray converted = array.toType(DataType.FLOAT32, true)) {
      return new ModuleTensor(dims, converted.toFloatArray());
    }
  }
}
