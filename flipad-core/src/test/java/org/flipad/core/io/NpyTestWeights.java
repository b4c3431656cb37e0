package org.flipad.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Writes float32 arrays of any shape for tests. */
final class NpyTestWeights {
  private NpyTestWeights() {}

  static void write(Path file, long[] shape, float[] values) throws IOException {
    try (NpyWriter writer = NpyWriter.open(file, NpyDType.FLOAT32, shape)) {
      int rowSize = writer.rowSize();
      for (int r = 0; r < shape[0]; r++) {
        writer.write(Arrays.copyOfRange(values, r * rowSize, (r + 1) * rowSize));
      }
    }
  }
}
