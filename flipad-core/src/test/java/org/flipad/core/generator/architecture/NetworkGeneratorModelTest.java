package org.flipad.core.generator.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.flipad.core.generator.LatentNoise;
import org.flipad.core.generator.PenultimateSource;
import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.ConvTransposeLayer;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.TensorShape;
import org.junit.jupiter.api.Test;

/** The DCGAN generator's owner: shapes, exact final-layer export, determinism, resources. */
class NetworkGeneratorModelTest {

  private static final long SEED = 20_261_128L;

  private static float[][] z(int count) {
    return LatentNoise.draw(new SplittableRandom(SEED + 1), count, DcganGenerator.LATENT_SIZE);
  }

  @Test
  void shouldReturnImagesAndPenultimateActivationsOfTheDocumentedShapes() {
    try (NetworkGeneratorModel model =
        NetworkGeneratorModel.initialised(new DcganGenerator(SEED))) {
      float[][] images = model.sample(z(3));
      float[][] activations = model.penultimate(z(3));
      assertThat(images).hasDimensions(3, 784);
      assertThat(activations).hasDimensions(3, 64 * 14 * 14);
      for (float[] image : images) {
        for (float x : image) {
          assertThat(x).isBetween(-1f, 1f);
        }
      }
      assertThat(model.network().block().getOutputShapes(new Shape[] {new Shape(5, 100)})[0])
          .isEqualTo(new Shape(5, 1, 28, 28));
    }
  }

  @Test
  void shouldExportTheHeadAsTheFinalLayerWhenComparedWithTheGeneratorsOwnSamples() {
    try (NetworkGeneratorModel model =
        NetworkGeneratorModel.initialised(new DcganGenerator(SEED))) {
      ConvTransposeLayer layer = (ConvTransposeLayer) model.finalLayer();
      assertThat(layer.inputShape()).isEqualTo(new TensorShape(64, 14, 14));
      assertThat(layer.outputShape()).isEqualTo(new TensorShape(1, 28, 28));
      assertThat(layer.geometry()).isEqualTo(new ConvGeometry(4, 2, 1));
      assertThat(layer.bias()).isEmpty();
      assertThat(model.outputActivation()).isEqualTo(OutputActivation.TANH);
      float[][] z = z(4);
      float[][] images = model.sample(z);
      float[][] activations = model.penultimate(z);
      double worst = 0;
      for (int n = 0; n < z.length; n++) {
        double[] y = layer.apply(toDouble(activations[n]));
        for (int i = 0; i < y.length; i++) {
          worst = Math.max(worst, Math.abs(Math.tanh(y[i]) - images[n][i]));
        }
      }
      assertThat(worst).as("max |x − tanh(W·g(z))|, seed %d", SEED).isLessThan(1e-4);
    }
  }

  @Test
  void shouldGiveTheSameWeightsAndSamplesWhenTheSeedIsTheSame() {
    float[][] z = z(2);
    try (NetworkGeneratorModel first = NetworkGeneratorModel.initialised(new DcganGenerator(SEED));
        NetworkGeneratorModel second = NetworkGeneratorModel.initialised(new DcganGenerator(SEED));
        NetworkGeneratorModel other =
            NetworkGeneratorModel.initialised(new DcganGenerator(SEED + 7))) {
      assertThat(second.finalLayer().weight()).containsExactly(first.finalLayer().weight());
      assertThat(second.sample(z)).isDeepEqualTo(first.sample(z));
      assertThat(other.finalLayer().weight()).isNotEqualTo(first.finalLayer().weight());
    }
  }

  @Test
  void shouldDrawDcganInitialWeightsWhenInitialised() {
    try (NetworkGeneratorModel model =
        NetworkGeneratorModel.initialised(new DcganGenerator(SEED))) {
      float[] w = model.finalLayer().weight();
      assertThat(w).hasSize(64 * 16);
      double mean = 0;
      double square = 0;
      for (float v : w) {
        mean += v / (double) w.length;
        square += v * (double) v / w.length;
      }
      // 1024 draws of N(0, 0.02²): the mean's standard error is 6e-4, the rms's about 4.4e-4.
      assertThat(mean).isBetween(-0.003, 0.003);
      assertThat(Math.sqrt(square)).isBetween(0.018, 0.022);
    }
  }

  @Test
  void shouldGiveNonNegativePenultimateActivationsAfterTheRelu() {
    try (NetworkGeneratorModel model =
        NetworkGeneratorModel.initialised(new DcganGenerator(SEED))) {
      float[][] activations = model.penultimate(z(3));
      int positive = 0;
      for (float[] sample : activations) {
        for (float a : sample) {
          assertThat(a).isGreaterThanOrEqualTo(0f);
          positive += a > 0 ? 1 : 0;
        }
      }
      assertThat(positive).as("some activations are active").isPositive();
    }
  }

  @Test
  void shouldRepeatTheSameBatchesWhenTwoSourcesShareASeed() {
    try (NetworkGeneratorModel model =
        NetworkGeneratorModel.initialised(new DcganGenerator(SEED))) {
      PenultimateSource first = model.penultimateSource(11);
      PenultimateSource second = model.penultimateSource(11);
      assertThat(first.shape()).isEqualTo(new TensorShape(64, 14, 14));
      float[][] a = first.next(2);
      assertThat(second.next(2)).isDeepEqualTo(a);
      assertThat(first.next(2)).isNotEqualTo(a);
    }
  }

  @Test
  void shouldKeepTheManagedArrayCountFlatWhenSamplingRepeatedly() {
    try (NetworkGeneratorModel model =
        NetworkGeneratorModel.initialised(new DcganGenerator(SEED))) {
      NDManager manager = model.modelManager();
      float[][] z = z(2);
      model.sample(z);
      model.penultimate(z);
      int before = manager.getManagedArrays().size();
      for (int i = 0; i < 20; i++) {
        model.sample(z);
        model.penultimate(z);
      }
      assertThat(manager.getManagedArrays().size()).isEqualTo(before);
    }
  }

  @Test
  void shouldRefuseALatentCodeOfTheWrongLength() {
    try (NetworkGeneratorModel model =
        NetworkGeneratorModel.initialised(new DcganGenerator(SEED))) {
      assertThatThrownBy(() -> model.sample(new float[][] {new float[99]}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("99 values")
          .hasMessageContaining("expects 100");
    }
  }

  private static double[] toDouble(float[] values) {
    double[] result = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = values[i];
    }
    return result;
  }
}
