package org.flipad.core.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flipad.core.compute.DeviceChoice;
import org.junit.jupiter.api.Test;

/** Images to activations: targets, clipping at ±1, refusals, and the reference start. */
class FinalLayerInverterTest {

  private static final long SEED = 5L;

  private final SplittableRandom random = new SplittableRandom(SEED);
  private final ConvTransposeLayer layer =
      RandomLayers.convTranspose(
          random, new TensorShape(8, 5, 5), 1, new ConvGeometry(4, 2, 1), true);
  private final float[] aBar = meanActivation(layer.inputShape().size());

  @Test
  void shouldHandlePixelsExactlyAtPlusAndMinusOne() {
    float[] image = new float[layer.outputShape().size()];
    for (int i = 0; i < image.length; i++) {
      image[i] = i % 2 == 0 ? 1f : -1f;
    }
    InversionSpec spec = new InversionSpec(layer, OutputActivation.TANH, aBar, 1e-3);
    double[] target = new InversionTargets(spec).of(new float[][] {image})[0];
    double clipped = 0.5 * Math.log((2 - 1e-4) / 1e-4);
    double[] meanOutput = layer.apply(toDouble(aBar));
    for (int i = 0; i < target.length; i++) {
      assertThat(target[i]).isFinite();
      assertThat(target[i] + meanOutput[i])
          .isCloseTo(i % 2 == 0 ? clipped : -clipped, within(1e-9));
    }
    try (FinalLayerInverter inverter =
        new FinalLayerInverter(
            spec, new WorkingSetSolver(layer, 1e-3, WorkingSetSettings.defaults()), false)) {
      RecoveredActivation result = inverter.invert(new float[][] {image}).get(0);
      assertThat(result.certificate().gap()).isFinite();
      for (float v : result.activation()) {
        assertThat(v).isFinite();
      }
    }
  }

  @Test
  void shouldReturnMeanActivationPlusDeltaWhenInverting() {
    float[] image = imageOf(layer, random);
    InversionSpec spec = new InversionSpec(layer, OutputActivation.TANH, aBar, 1e-3);
    WorkingSetSolver solver = new WorkingSetSolver(layer, 1e-3, WorkingSetSettings.defaults());
    try (FinalLayerInverter inverter = new FinalLayerInverter(spec, solver, false)) {
      double[] target = inverter.targets(new float[][] {image})[0];
      LassoResult direct = solver.solve(LassoBatch.of(new double[][] {target})).get(0);
      RecoveredActivation result = inverter.invert(new float[][] {image}).get(0);
      assertThat(result.stopReason()).isEqualTo(StopReason.CERTIFIED);
      assertThat(result.solver()).isEqualTo("working-set-cd");
      for (int j = 0; j < aBar.length; j++) {
        assertThat((double) result.activation()[j])
            .isCloseTo(aBar[j] + direct.delta()[j], within(1e-5));
      }
    }
  }

  @Test
  void shouldStartTheReferenceScheduleAtTheMeanActivation() {
    float[] image = imageOf(layer, random);
    InversionSpec spec = new InversionSpec(layer, OutputActivation.TANH, aBar, 1e-3);
    FistaSettings oneStep =
        FistaSettings.reference().withMaxIterations(1).withDevice(DeviceChoice.CPU);
    try (FinalLayerInverter fromMean =
            new FinalLayerInverter(spec, new FistaSolver(layer, 1e-3, oneStep), true);
        FinalLayerInverter fromZero =
            new FinalLayerInverter(spec, new FistaSolver(layer, 1e-3, oneStep), false)) {
      List<RecoveredActivation> a = fromMean.invert(new float[][] {image});
      List<RecoveredActivation> b = fromZero.invert(new float[][] {image});
      // After one small step the δ started at ā is still close to ā, so â is close to 2ā.
      double distanceFromTwiceMean = 0;
      double distanceFromMean = 0;
      for (int j = 0; j < aBar.length; j++) {
        distanceFromTwiceMean += Math.abs(a.get(0).activation()[j] - 2 * aBar[j]);
        distanceFromMean += Math.abs(b.get(0).activation()[j] - aBar[j]);
      }
      assertThat(distanceFromTwiceMean / aBar.length).isLessThan(0.05);
      assertThat(distanceFromMean / aBar.length).isLessThan(0.05);
    }
  }

  @Test
  void shouldRefuseReluOutputWithTheReason() {
    assertThatThrownBy(() -> new InversionSpec(layer, OutputActivation.RELU, aBar, 1e-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ReLU")
        .hasMessageContaining("cannot be inverted");
  }

  @Test
  void shouldRefuseImageWhenShapeDoesNotMatchTheLayerOutput() {
    InversionSpec spec = new InversionSpec(layer, OutputActivation.TANH, aBar, 1e-3);
    assertThatThrownBy(() -> new InversionTargets(spec).of(new float[][] {new float[10]}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 values")
        .hasMessageContaining("1×10×10");
  }

  @Test
  void shouldRefuseImageWhenAPixelIsNotFinite() {
    float[] image = new float[layer.outputShape().size()];
    image[7] = Float.NaN;
    InversionSpec spec = new InversionSpec(layer, OutputActivation.TANH, aBar, 1e-3);
    assertThatThrownBy(() -> new InversionTargets(spec).of(new float[][] {image}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-finite")
        .hasMessageContaining("index 7");
  }

  @Test
  void shouldRefuseMeanActivationWhenItsSizeDoesNotMatchTheLayerInput() {
    assertThatThrownBy(() -> new InversionSpec(layer, OutputActivation.TANH, new float[3], 1e-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 values")
        .hasMessageContaining("8×5×5");
  }

  private static float[] meanActivation(int size) {
    float[] mean = new float[size];
    Arrays.fill(mean, 0.4f);
    return mean;
  }

  private static float[] imageOf(FinalLayer layer, SplittableRandom random) {
    double[] a = new double[layer.inputShape().size()];
    for (int j = 0; j < a.length; j++) {
      a[j] = Math.max(0, RandomLayers.gaussian(random));
    }
    double[] y = layer.apply(a);
    float[] image = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      image[i] = (float) Math.tanh(y[i]);
    }
    return image;
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
