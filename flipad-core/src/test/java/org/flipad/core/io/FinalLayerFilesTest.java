package org.flipad.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.ConvLayer;
import org.flipad.core.inversion.ConvTransposeLayer;
import org.flipad.core.inversion.DenseLayer;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.TensorShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinalLayerFilesTest {
  private static final long SEED = 11;

  @TempDir Path dir;

  private final SplittableRandom random = new SplittableRandom(SEED);

  @Test
  void shouldRoundTripWhenLayerIsTransposedConvolutionWithBias() throws IOException {
    FinalLayer layer =
        new ConvTransposeLayer(
            new TensorShape(8, 7, 7), 1, new ConvGeometry(4, 2, 1), values(8 * 16), values(1));

    assertRoundTrip(new FinalLayerFile(layer, OutputActivation.TANH));
  }

  @Test
  void shouldRoundTripWhenLayerIsConvolutionWithoutBias() throws IOException {
    FinalLayer layer =
        new ConvLayer(new TensorShape(4, 9, 9), 3, new ConvGeometry(3, 1, 1), values(108), null);

    assertRoundTrip(new FinalLayerFile(layer, OutputActivation.SIGMOID));
  }

  @Test
  void shouldRoundTripWhenLayerIsDense() throws IOException {
    FinalLayer layer = new DenseLayer(5, 16, values(80), values(16));

    assertRoundTrip(new FinalLayerFile(layer, OutputActivation.IDENTITY));
  }

  @Test
  void shouldTakeDenseInputsFromWeightWhenInputShapeIsOmitted() throws IOException {
    Path json = dir.resolve("dense.json");
    FinalLayerFiles.write(
        new FinalLayerFile(new DenseLayer(5, 4, values(20), null), OutputActivation.TANH), json);
    Files.writeString(
        json, Files.readString(json).replaceAll("\"inputShape\"\\s*:\\s*\\[\\s*5\\s*],", ""));

    FinalLayer read = FinalLayerFiles.read(json).layer();

    assertThat(read.inputShape()).isEqualTo(TensorShape.vector(5));
  }

  @Test
  void shouldNameBothShapesWhenWeightShapeDoesNotMatchKind() throws IOException {
    Path json = writeTransposed("layer.json");
    NpyTestWeights.write(dir.resolve("layer.weight.npy"), new long[] {1, 8, 4, 4}, values(128));

    assertThatThrownBy(() -> FinalLayerFiles.read(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, 8, 4, 4]")
        .hasMessageContaining("[8, 1, 4, 4]")
        .hasMessageContaining("[C_in, C_out, k, k]");
  }

  @Test
  void shouldNameThePathWhenWeightFileIsMissing() throws IOException {
    Path json = writeTransposed("layer.json");
    Path weight = dir.resolve("layer.weight.npy");
    Files.delete(weight);

    assertThatThrownBy(() -> FinalLayerFiles.read(json))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining(weight.toAbsolutePath().toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldNameThePathWhenDescriptionIsMissing() {
    Path json = dir.resolve("absent.json");

    assertThatThrownBy(() -> FinalLayerFiles.read(json))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining(json.toString());
  }

  @Test
  void shouldListKnownKindsWhenKindIsUnknown() throws IOException {
    Path json = writeTransposed("layer.json");
    Files.writeString(json, Files.readString(json).replace("CONV_TRANSPOSE", "DECONV"));

    assertThatThrownBy(() -> FinalLayerFiles.read(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"DECONV\"")
        .hasMessageContaining("CONV_TRANSPOSE, CONV, DENSE");
  }

  @Test
  void shouldReportFlatIndexWhenWeightIsNotFinite() throws IOException {
    Path json = writeTransposed("layer.json");
    float[] weight = values(128);
    weight[5] = Float.NaN;
    NpyTestWeights.write(dir.resolve("layer.weight.npy"), new long[] {8, 1, 4, 4}, weight);

    assertThatThrownBy(() -> FinalLayerFiles.read(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(json.toString())
        .hasMessageContaining("non-finite value (NaN) at flat index 5");
  }

  @Test
  void shouldReadReluLayerButRefuseToInvertIt() throws IOException {
    Path json = writeTransposed("layer.json");
    Files.writeString(json, Files.readString(json).replace("TANH", "RELU"));

    OutputActivation activation = FinalLayerFiles.read(json).activation();

    assertThat(activation).isEqualTo(OutputActivation.RELU);
    assertThatThrownBy(activation::requireInvertible).hasMessageContaining("cannot be inverted");
  }

  private Path writeTransposed(String name) throws IOException {
    Path json = dir.resolve(name);
    FinalLayer layer =
        new ConvTransposeLayer(
            new TensorShape(8, 7, 7), 1, new ConvGeometry(4, 2, 1), values(128), null);
    FinalLayerFiles.write(new FinalLayerFile(layer, OutputActivation.TANH), json);
    return json;
  }

  private void assertRoundTrip(FinalLayerFile written) throws IOException {
    Path json = dir.resolve("layer.json");
    FinalLayerFiles.write(written, json);

    FinalLayerFile read = FinalLayerFiles.read(json);

    FinalLayer a = written.layer();
    FinalLayer b = read.layer();
    assertThat(read.activation()).isEqualTo(written.activation());
    assertThat(b.kind()).isEqualTo(a.kind());
    assertThat(b.inputShape()).isEqualTo(a.inputShape());
    assertThat(b.outputShape()).isEqualTo(a.outputShape());
    assertThat(b.weightShape()).containsExactly(a.weightShape());
    assertThat(b.weight()).containsExactly(a.weight());
    assertThat(b.bias().isPresent()).isEqualTo(a.bias().isPresent());
    a.bias().ifPresent(bias -> assertThat(b.bias().get()).containsExactly(bias));
  }

  private float[] values(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (0.02 * (random.nextDouble() * 2 - 1));
    }
    return v;
  }
}
