package org.flipad.core.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A float32 weight or bias array loaded from a {@code .npy} file named in a layer description.
 *
 * @param file the resolved {@code .npy} path
 * @param shape its shape, C order
 * @param values its elements, float32, flattened in C order
 */
record Weights(Path file, int[] shape, float[] values) {

  /**
   * Loads {@code name}, resolved against the description's directory, refusing missing files and
   * any dtype other than float32.
   *
   * @param json the layer description naming the file
   * @param name the file name as written in the description
   * @param field "weight" or "bias", for messages
   */
  static Weights load(Path json, String name, String field) throws IOException {
    Path file = FinalLayerFiles.sibling(json, name);
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException(
          "The "
              + field
              + " file "
              + file
              + " named by layer description "
              + json
              + " does not exist. Put the .npy file beside the JSON file or fix \""
              + field
              + "\".");
    }
    NpyArray array = NpyReader.readAll(file);
    if (array.dtype() != NpyDType.FLOAT32) {
      throw new NpyFormatException(
          "The "
              + field
              + " file "
              + file
              + " has dtype "
              + array.dtype().descr()
              + "; expected float32 (<f4). Save it with numpy.save(path, w.astype('<f4')).");
    }
    int[] shape = Arrays.stream(array.shape()).mapToInt(Math::toIntExact).toArray();
    return new Weights(file, shape, array.toFloatArray());
  }

  /** Refuses a shape other than {@code expected}, naming both shapes and the layout. */
  void requireShape(Path json, int[] expected, String layout) {
    if (!Arrays.equals(shape, expected)) {
      throw new IllegalArgumentException(
          file
              + " has shape "
              + FinalLayerFiles.shape(shape)
              + "; expected "
              + FinalLayerFiles.shape(expected)
              + " = "
              + layout
              + " for this layer. Check \"inputShape\", \"outChannels\" and \"kernel\" in "
              + json
              + ", or re-export the weights in this layout.");
    }
  }
}
