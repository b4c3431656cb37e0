package org.flipad.core.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded sample generators and structural checks shared by the feature tests. */
final class TestFeatures {

  private TestFeatures() {}

  /** Returns {@code n} samples of {@code shape} with values offset + scale·N(0, 1). */
  static List<float[]> gaussian(FeatureShape shape, int n, double offset, double scale, long seed) {
    Random random = new Random(seed);
    List<float[]> samples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] sample = new float[shape.size()];
      for (int j = 0; j < sample.length; j++) {
        sample[j] = (float) (offset + scale * random.nextGaussian());
      }
      samples.add(sample);
    }
    return samples;
  }

  /** Adds {@code shift} to every element of {@code channel} in each sample, in place. */
  static List<float[]> shiftChannel(FeatureShape shape, List<float[]> samples, int c, float shift) {
    int plane = shape.planeSize();
    for (float[] sample : samples) {
      for (int i = c * plane; i < (c + 1) * plane; i++) {
        sample[i] += shift;
      }
    }
    return samples;
  }

  /** Returns the IEEE-754 bits of each value, to compare float arrays bit for bit. */
  static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }

  /**
   * Asserts that {@code fitter}'s state, followed through objects of this package, is only
   * primitives, records and primitive arrays of at most {@code size} elements: no collections or
   * object arrays that could grow with the number of samples.
   */
  static void assertStateBoundedBy(Object fitter, int size) {
    for (Field field : fitter.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      Class<?> type = field.getType();
      Object value = read(field, fitter);
      if (type.isArray()) {
        assertThat(type.getComponentType().isPrimitive()).as(field.toString()).isTrue();
        assertThat(java.lang.reflect.Array.getLength(value)).as(field.toString()).isEqualTo(size);
      } else if (!type.isPrimitive() && !type.isRecord()) {
        assertThat(type.getPackageName()).as(field.toString()).isEqualTo("org.flipad.core.feature");
        assertStateBoundedBy(value, size);
      }
    }
  }

  private static Object read(Field field, Object owner) {
    try {
      field.setAccessible(true);
      return field.get(owner);
    } catch (IllegalAccessException e) {
      throw new AssertionError("Cannot read " + field, e);
    }
  }
}
