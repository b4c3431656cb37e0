package org.flipad.core.generator.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.flipad.core.generator.GeneratorShape;
import org.flipad.core.generator.LatentNoise;
import org.flipad.core.generator.layer.Layers;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.FinalLayerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every zoo generator network must have, checked on each. */
class GeneratorNetworkTest {

  private static final long SEED = 77;

  static Stream<Arguments> networks() {
    return Stream.of(
        Arguments.of(
            "dcgan",
            (LongFunction<GeneratorNetwork>) DcganGenerator::new,
            FinalLayerKind.CONV_TRANSPOSE,
            new Shape(64, 14, 14)),
        Arguments.of(
            "lsgan",
            (LongFunction<GeneratorNetwork>) LsganGenerator::new,
            FinalLayerKind.CONV,
            new Shape(64, 28, 28)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void shouldProduceTheDocumentedShapesWhenRunForward(
      String name, LongFunction<GeneratorNetwork> factory, FinalLayerKind kind, Shape penultimate) {
    try (NetworkGeneratorModel model = NetworkGeneratorModel.initialised(factory.apply(SEED))) {
      GeneratorShape shape = model.shape();
      float[][] z = LatentNoise.draw(new SplittableRandom(1), 3, shape.latentSize());
      assertThat(model.sample(z)).hasDimensions(3, 784);
      assertThat(model.penultimate(z)).hasDimensions(3, (int) penultimate.size());
      assertThat(model.finalLayer().kind()).isEqualTo(kind);
      assertThat(model.network().architecture()).isEqualTo(name);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void shouldExportTheFinalLayerTheGeneratorAppliesWhenComparedWithItsSamples(
      String name, LongFunction<GeneratorNetwork> factory, FinalLayerKind kind, Shape penultimate) {
    try (NetworkGeneratorModel model = NetworkGeneratorModel.initialised(factory.apply(SEED))) {
      float[][] z = LatentNoise.draw(new SplittableRandom(2), 4, model.shape().latentSize());
      float[][] images = model.sample(z);
      float[][] activations = model.penultimate(z);
      FinalLayer layer = model.finalLayer();
      double worst = 0;
      for (int n = 0; n < z.length; n++) {
        double[] a = new double[activations[n].length];
        for (int i = 0; i < a.length; i++) {
          a[i] = activations[n][i];
        }
        double[] y = layer.apply(a);
        for (int i = 0; i < y.length; i++) {
          worst = Math.max(worst, Math.abs(Math.tanh(y[i]) - images[n][i]));
        }
      }
      assertThat(worst).as("max |sample(z) − tanh(L(g(z)))| for %s", name).isLessThan(1e-5);
    }
  }

  @Test
  void shouldRepeatEachPixelTwiceInBothDirectionsWhenUpsampling() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
      NDArray up =
          Layers.upsampleNearest2x()
              .forward(new ParameterStore(manager, false), new NDList(x), false)
              .singletonOrThrow();
      assertThat(up.getShape()).isEqualTo(new Shape(1, 1, 4, 4));
      assertThat(up.toFloatArray()).containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
    }
  }
}
