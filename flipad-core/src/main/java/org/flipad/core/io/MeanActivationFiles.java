package org.flipad.core.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.flipad.core.inversion.TensorShape;

/**
 * Mean penultimate activation files: ā, the mean of a generator's penultimate activations, around
 * which inversion recovers â = ā + δ̂; saved by NumPy as a float32 {@code .npy}.
 */
public final class MeanActivationFiles {

  private MeanActivationFiles() {}

  /**
   * Reads ā and checks it against the layer input.
   *
   * @param file a float32 .npy of shape [C, H, W] (the layer's input shape) or flat [C·H·W]
   * @param input the final layer's input shape
   * @return ā, C·H·W float32 in C order
   * @throws IOException when the file is missing, not .npy or not float32
   * @throws IllegalArgumentException when its shape does not match the layer's input
   */
  public static float[] read(Path file, TensorShape input) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException(
          "Mean activation file "
              + file
              + " does not exist or is not a file. Pass the ā .npy computed for this generator.");
    }
    NpyArray array = NpyReader.readAll(file);
    if (array.dtype() != NpyDType.FLOAT32) {
      throw new IOException(
          "Mean activation file "
              + file
              + " has dtype "
              + array.dtype().descr()
              + "; expected float32 (<f4). Save it with numpy.save(path, a.astype('<f4')).");
    }
    long[] shape = array.shape();
    long[] full = Arrays.stream(input.toArray()).asLongStream().toArray();
    long[] flat = {input.size()};
    if (!Arrays.equals(shape, full) && !Arrays.equals(shape, flat)) {
      throw new IllegalArgumentException(
          "Mean activation file "
              + file
              + " has shape "
              + Arrays.toString(shape)
              + "; the final layer's input is "
              + Arrays.toString(full)
              + ", so expected that or "
              + Arrays.toString(flat)
              + ". Recompute ā for this generator's layer.");
    }
    return array.toFloatArray();
  }
}
