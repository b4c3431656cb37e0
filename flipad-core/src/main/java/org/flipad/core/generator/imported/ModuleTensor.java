package org.flipad.core.generator.imported;

import java.util.Arrays;

/**
 * A named parameter copied out of a TorchScript module.
 *
 * @param shape the tensor's shape, e.g. [4, 1, 4, 4]
 * @param values float32 values in C order, as many as the shape's product
 */
record ModuleTensor(long[] shape, float[] values) {

  /** Whether the shape equals {@code expected}. */
  boolean hasShape(int[] expected) {
    return Arrays.equals(shape, Arrays.stream(expected).asLongStream().toArray());
  }
}
