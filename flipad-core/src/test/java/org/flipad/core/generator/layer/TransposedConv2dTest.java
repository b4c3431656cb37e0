package org.flipad.core.generator.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;
import org.flipad.core.inversion.ConvGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trainable transposed convolution: exact forward, exact gradients, and it learns. */
class TransposedConv2dTest {

  private static final long SEED = 20_261_128L;

  /** A layer's values as plain arrays: weight [C_in, C_out, k, k], bias [C_out] or null. */
  private record Values(
      int inChannels, int outChannels, ConvGeometry geometry, double[] weight, double[] bias) {

    static Values random(int in, int out, ConvGeometry geometry, boolean withBias, Random random) {
      int k = geometry.kernel();
      return new Values(
          in,
          out,
          geometry,
          gaussian(in * out * k * k, random),
          withBias ? gaussian(out, random) : null);
    }

    Values withWeight(double[] w) {
      return new Values(inChannels, outChannels, geometry, w, bias);
    }

    Values withBias(double[] b) {
      return new Values(inChannels, outChannels, geometry, weight, b);
    }

    /** A layer whose parameters are these values, in {@code type}. */
    TransposedConv2d layer(NDManager manager, DataType type, Shape inputShape) {
      TransposedConv2d layer =
          new TransposedConv2d(inChannels, outChannels, geometry, bias != null);
      int k = geometry.kernel();
      layer
          .weight()
          .setArray(
              manager.create(weight, new Shape(inChannels, outChannels, k, k)).toType(type, false));
      layer
          .bias()
          .ifPresent(
              b -> b.setArray(manager.create(bias, new Shape(outChannels)).toType(type, false)));
      layer.initialize(manager, type, inputShape);
      return layer;
    }
  }

  @ParameterizedTest(name = "k{0} s{1} p{2} bias={3}")
  @CsvSource({
    "4, 2, 1, false",
    "4, 2, 1, true",
    "3, 1, 1, false",
    "3, 1, 1, true",
    "3, 2, 0, true",
    "5, 3, 2, false",
    "2, 2, 0, true",
    "1, 1, 0, true",
    "4, 1, 3, false"
  })
  void shouldMatchTheDefiningSumWhenGeometryVaries(int k, int s, int p, boolean withBias) {
    Random random = new Random(SEED + 31L * k + 7L * s + p);
    Values values = Values.random(3, 2, new ConvGeometry(k, s, p), withBias, random);
    int n = 2;
    int h = 5;
    int w = 4;
    double[] x = gaussian(n * 3 * h * w, random);
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape inputShape = new Shape(n, 3, h, w);
      TransposedConv2d layer = values.layer(manager, DataType.FLOAT32, inputShape);
      NDArray input = manager.create(x, inputShape).toType(DataType.FLOAT32, false);
      NDArray output =
          layer.forward(new ParameterStore(manager, false), new NDList(input), false).head();
      double[] expected = direct(values, x, n, h, w);
      assertThat(output.getShape()).isEqualTo(layer.getOutputShapes(new Shape[] {inputShape})[0]);
      assertThat(output.getShape().get(2)).isEqualTo((h - 1) * s - 2 * p + k);
      float[] actual = output.toFloatArray();
      assertThat(actual).hasSize(expected.length);
      for (int i = 0; i < actual.length; i++) {
        assertThat(Math.abs(actual[i] - expected[i]))
            .as("entry %d, seed %d", i, SEED)
            .isLessThan(1e-5 * Math.max(1, Math.abs(expected[i])));
      }
    }
  }

  @Test
  void shouldGiveFiniteDifferenceGradientsForWeightBiasAndInput() {
    Random random = new Random(SEED);
    Values values = Values.random(2, 3, new ConvGeometry(3, 2, 1), true, random);
    Shape inputShape = new Shape(2, 2, 3, 3);
    double[] x = gaussian((int) inputShape.size(), random);
    Shape outputShape = new Shape(2, 3, 5, 5);
    double[] r = gaussian((int) outputShape.size(), random);
    try (NDManager manager = NDManager.newBaseManager()) {
      TransposedConv2d layer = values.layer(manager, DataType.FLOAT64, inputShape);
      NDArray input = manager.create(x, inputShape);
      input.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray output =
            layer.forward(new ParameterStore(manager, false), new NDList(input), true).head();
        collector.backward(output.mul(manager.create(r, outputShape)).sum());
      }
      double[] weightGrad = layer.weight().getArray().getGradient().toDoubleArray();
      double[] biasGrad = layer.bias().orElseThrow().getArray().getGradient().toDoubleArray();
      double[] inputGrad = input.getGradient().toDoubleArray();
      assertCloseRelative(
          weightGrad, differences(values.weight, w -> loss(values.withWeight(w), x, r)), "weight");
      assertCloseRelative(
          biasGrad, differences(values.bias, b -> loss(values.withBias(b), x, r)), "bias");
      assertCloseRelative(inputGrad, differences(x, xs -> loss(values, xs, r)), "input");
    }
  }

  @Test
  void shouldFitAFixedRandomTargetLayerWhenTrainedWithAdam() {
    Random random = new Random(SEED);
    ConvGeometry geometry = new ConvGeometry(4, 2, 1);
    Values target = Values.random(4, 2, geometry, true, random);
    Shape inputShape = new Shape(8, 4, 5, 5);
    double[] x = gaussian((int) inputShape.size(), random);
    double[] y = direct(target, x, 8, 5, 5);
    try (Model model = Model.newInstance("transposed-conv-fit")) {
      model.setBlock(new TransposedConv2d(4, 2, geometry, true));
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.l2Loss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(inputShape);
        NDManager manager = trainer.getManager();
        NDArray input = manager.create(x, inputShape).toType(DataType.FLOAT32, false);
        NDArray label = manager.create(y, new Shape(8, 2, 10, 10)).toType(DataType.FLOAT32, false);
        float first = step(trainer, input, label);
        float last = first;
        for (int i = 0; i < 150; i++) {
          last = step(trainer, input, label);
        }
        assertThat(last).as("loss %s → %s, seed %d", first, last, SEED).isLessThan(first * 1e-3f);
      }
    }
  }

  @Test
  void shouldDrawDcganWeightsWhenInitialisedWithoutGivenArrays() {
    try (NDManager manager = NDManager.newBaseManager()) {
      TransposedConv2d layer = new TransposedConv2d(128, 64, new ConvGeometry(4, 2, 1), false);
      layer.initialize(manager, DataType.FLOAT32, new Shape(1, 128, 7, 7));
      NDArray w = layer.weight().getArray();
      assertThat(w.getShape()).isEqualTo(new Shape(128, 64, 4, 4));
      assertThat(w.mean().getFloat()).isBetween(-0.001f, 0.001f);
      assertThat(w.square().mean().sqrt().getFloat()).isBetween(0.019f, 0.021f);
      assertThat(layer.bias()).isEmpty();
      assertThat(layer.getOutputShapes(new Shape[] {new Shape(64, 128, 7, 7)})[0])
          .isEqualTo(new Shape(64, 64, 14, 14));
    }
  }

  @Test
  void shouldKeepTheModelManagerFlatWhenBatchesRunInSubManagers() {
    Random random = new Random(SEED);
    Values values = Values.random(4, 3, new ConvGeometry(4, 2, 1), true, random);
    Shape inputShape = new Shape(2, 4, 5, 5);
    double[] x = gaussian((int) inputShape.size(), random);
    try (NDManager model = NDManager.newBaseManager()) {
      TransposedConv2d layer = values.layer(model, DataType.FLOAT32, inputShape);
      ParameterStore store = new ParameterStore(model, false);
      int before = model.getManagedArrays().size();
      for (int i = 0; i < 20; i++) {
        try (NDManager batch = model.newSubManager()) {
          NDArray input = batch.create(x, inputShape).toType(DataType.FLOAT32, false);
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(layer.forward(store, new NDList(input), true).head().sum());
          }
        }
      }
      assertThat(model.getManagedArrays().size()).isEqualTo(before);
    }
  }

  @Test
  void shouldRefuseAnInputWithTheWrongChannelCount() {
    TransposedConv2d layer = new TransposedConv2d(3, 2, new ConvGeometry(4, 2, 1), true);
    assertThatThrownBy(() -> layer.getOutputShapes(new Shape[] {new Shape(1, 5, 7, 7)}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(1, 5, 7, 7)")
        .hasMessageContaining("expected [N, 3, H, W]");
  }

  private static float step(Trainer trainer, NDArray input, NDArray label) {
    float value;
    try (GradientCollector collector = trainer.newGradientCollector()) {
      NDArray prediction = trainer.forward(new NDList(input)).head();
      NDArray loss = trainer.getLoss().evaluate(new NDList(label), new NDList(prediction));
      value = loss.getFloat();
      collector.backward(loss);
    }
    trainer.step();
    return value;
  }

  /** sum(layer(x) · r) in float64, through the layer itself. */
  private static double loss(Values values, double[] x, double[] r) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape inputShape = new Shape(2, values.inChannels(), 3, 3);
      TransposedConv2d layer = values.layer(manager, DataType.FLOAT64, inputShape);
      NDArray output =
          layer
              .forward(
                  new ParameterStore(manager, false),
                  new NDList(manager.create(x, inputShape)),
                  false)
              .head();
      return output.mul(manager.create(r, output.getShape())).sum().getDouble();
    }
  }

  /** Central differences of f at v, step 1e-6. */
  private static double[] differences(double[] v, java.util.function.ToDoubleFunction<double[]> f) {
    double h = 1e-6;
    double[] result = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double[] plus = v.clone();
      double[] minus = v.clone();
      plus[i] += h;
      minus[i] -= h;
      result[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
    }
    return result;
  }

  private static void assertCloseRelative(double[] actual, double[] expected, String what) {
    double error = 0;
    double norm = 0;
    for (int i = 0; i < actual.length; i++) {
      error += (actual[i] - expected[i]) * (actual[i] - expected[i]);
      norm += expected[i] * expected[i];
    }
    assertThat(Math.sqrt(error / norm))
        .as("relative gradient error for %s, seed %d", what, SEED)
        .isLessThan(1e-4);
  }

  /** ConvTranspose2d by its defining sum (as RandomLayers.directTransposed), batched, with bias. */
  private static double[] direct(Values values, double[] x, int n, int h, int w) {
    int cin = values.inChannels();
    int cout = values.outChannels();
    int k = values.geometry().kernel();
    int s = values.geometry().stride();
    int p = values.geometry().padding();
    int oh = values.geometry().transposedOutput(h);
    int ow = values.geometry().transposedOutput(w);
    double[] result = new double[n * cout * oh * ow];
    for (int b = 0; b < n; b++) {
      for (int o = 0; o < cout; o++) {
        for (int yx = 0; yx < oh * ow; yx++) {
          result[(b * cout + o) * oh * ow + yx] = values.bias() == null ? 0 : values.bias()[o];
        }
      }
      for (int c = 0; c < cin; c++) {
        for (int i = 0; i < h; i++) {
          for (int j = 0; j < w; j++) {
            double a = x[((b * cin + c) * h + i) * w + j];
            for (int o = 0; o < cout; o++) {
              for (int u = 0; u < k; u++) {
                for (int v = 0; v < k; v++) {
                  int y = i * s - p + u;
                  int xx = j * s - p + v;
                  if (y >= 0 && y < oh && xx >= 0 && xx < ow) {
                    result[((b * cout + o) * oh + y) * ow + xx] +=
                        a * values.weight()[((c * cout + o) * k + u) * k + v];
                  }
                }
              }
            }
          }
        }
      }
    }
    return result;
  }

  private static double[] gaussian(int size, Random random) {
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = random.nextGaussian();
    }
    return values;
  }
}
