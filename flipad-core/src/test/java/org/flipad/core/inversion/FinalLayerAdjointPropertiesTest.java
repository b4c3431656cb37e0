package org.flipad.core.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Adjoint identity ⟨W·a, u⟩ = ⟨a, Wᵀ·u⟩ and agreement with direct loops, for every layer kind over
 * random shapes, strides and paddings, on the plain-Java columns and on the DJL operator.
 */
class FinalLayerAdjointPropertiesTest {

  private static final double RELATIVE = 1e-5;

  @Property(tries = 80)
  void shouldSatisfyAdjointIdentityForEveryLayerKind(
      @ForAll @IntRange(min = 0, max = 2) int kindIndex,
      @ForAll @IntRange(min = 1, max = 4) int inChannels,
      @ForAll @IntRange(min = 1, max = 3) int outChannels,
      @ForAll @IntRange(min = 1, max = 5) int kernel,
      @ForAll @IntRange(min = 1, max = 3) int stride,
      @ForAll @IntRange(min = 0, max = 4) int padding,
      @ForAll @IntRange(min = 1, max = 8) int height,
      @ForAll @IntRange(min = 1, max = 8) int width,
      @ForAll long seed) {
    FinalLayer layer =
        layer(kindIndex, inChannels, outChannels, kernel, stride, padding, height, width, seed);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    double[] a = RandomLayers.gaussianDoubles(random, layer.inputShape().size(), 1);
    double[] u = RandomLayers.gaussianDoubles(random, layer.outputShape().size(), 1);
    SparseColumns columns = layer.columns();
    double[] wa = new double[u.length];
    double[] wtu = new double[a.length];
    columns.multiply(a, wa);
    columns.multiplyTransposed(u, wtu);
    double left = dot(wa, u);
    assertThat(dot(a, wtu)).isCloseTo(left, within(RELATIVE * scale(wa, u)));
    assertTensorOperatorAgrees(layer, a, u, wa, wtu);
  }

  @Property(tries = 60)
  void shouldMatchDirectLoopsForConvolutions(
      @ForAll boolean transposed,
      @ForAll @IntRange(min = 1, max = 4) int inChannels,
      @ForAll @IntRange(min = 1, max = 3) int outChannels,
      @ForAll @IntRange(min = 1, max = 5) int kernel,
      @ForAll @IntRange(min = 1, max = 3) int stride,
      @ForAll @IntRange(min = 0, max = 4) int padding,
      @ForAll @IntRange(min = 1, max = 8) int size,
      @ForAll long seed) {
    FinalLayer layer =
        layer(
            transposed ? 0 : 1, inChannels, outChannels, kernel, stride, padding, size, size, seed);
    double[] a =
        RandomLayers.gaussianDoubles(new SplittableRandom(seed + 1), layer.inputShape().size(), 1);
    double[] expected =
        transposed
            ? RandomLayers.directTransposed((ConvTransposeLayer) layer, a)
            : RandomLayers.directConv((ConvLayer) layer, a);
    double[] columnsResult = new double[expected.length];
    layer.columns().multiply(a, columnsResult);
    assertThat(columnsResult).containsExactly(expected, within(1e-12));
    try (NDManager manager = NDManager.newBaseManager();
        TensorOperator operator = TensorOperator.of(layer, manager, DataType.FLOAT32)) {
      float[] tensorResult =
          operator
              .forward(batch(manager, a, layer.inputShape()).toType(DataType.FLOAT32, false))
              .toFloatArray();
      for (int i = 0; i < expected.length; i++) {
        assertThat((double) tensorResult[i])
            .isCloseTo(expected[i], within(1e-5 * (1 + Math.abs(expected[i]))));
      }
    }
  }

  private static void assertTensorOperatorAgrees(
      FinalLayer layer, double[] a, double[] u, double[] wa, double[] wtu) {
    try (NDManager manager = NDManager.newBaseManager();
        TensorOperator operator = TensorOperator.of(layer, manager, DataType.FLOAT64)) {
      double[] forward = operator.forward(batch(manager, a, layer.inputShape())).toDoubleArray();
      double[] adjoint = operator.adjoint(batch(manager, u, layer.outputShape())).toDoubleArray();
      assertThat(forward).containsExactly(wa, within(1e-10));
      assertThat(adjoint).containsExactly(wtu, within(1e-10));
      assertThat(dot(a, adjoint)).isCloseTo(dot(forward, u), within(RELATIVE * scale(forward, u)));
    }
  }

  static FinalLayer layer(
      int kindIndex, int cin, int cout, int k, int s, int p, int h, int w, long seed) {
    Assume.that(p < k);
    SplittableRandom random = new SplittableRandom(seed);
    ConvGeometry g = new ConvGeometry(k, s, p);
    TensorShape in = new TensorShape(cin, h, w);
    if (kindIndex == 0) {
      Assume.that(g.transposedOutput(h) > 0 && g.transposedOutput(w) > 0);
      return RandomLayers.convTranspose(random, in, cout, g, true);
    }
    if (kindIndex == 1) {
      Assume.that(g.convOutput(h) > 0 && g.convOutput(w) > 0);
      return RandomLayers.conv(random, in, cout, g, true);
    }
    return RandomLayers.dense(random, cin * h * w, cout * k, true);
  }

  static NDArray batch(NDManager manager, double[] values, TensorShape shape) {
    return manager.create(values, new Shape(1, shape.channels(), shape.height(), shape.width()));
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double scale(double[] a, double[] b) {
    return Math.max(1e-12, Math.sqrt(dot(a, a) * dot(b, b)));
  }
}
