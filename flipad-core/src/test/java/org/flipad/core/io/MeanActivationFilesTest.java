package org.flipad.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.flipad.core.inversion.TensorShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeanActivationFilesTest {
  private static final TensorShape INPUT = new TensorShape(2, 1, 3);
  private static final float[] A_BAR = {0.5f, 0f, 1.25f, 2f, 0.125f, 3f};

  @TempDir Path dir;

  @Test
  void shouldReturnValuesInCOrderWhenShapeIsTheLayerInput() throws IOException {
    Path file = write(NpyDType.FLOAT32, new long[] {2, 1, 3});

    assertThat(MeanActivationFiles.read(file, INPUT)).containsExactly(A_BAR);
  }

  @Test
  void shouldReturnValuesWhenShapeIsFlat() throws IOException {
    Path file = write(NpyDType.FLOAT32, new long[] {6});

    assertThat(MeanActivationFiles.read(file, INPUT)).containsExactly(A_BAR);
  }

  @Test
  void shouldRefuseWithAllShapesWhenShapeDiffers() throws IOException {
    Path file = write(NpyDType.FLOAT32, new long[] {3, 2});

    assertThatThrownBy(() -> MeanActivationFiles.read(file, INPUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("[3, 2]")
        .hasMessageContaining("[2, 1, 3]")
        .hasMessageContaining("[6]");
  }

  @Test
  void shouldRefuseWithDtypeWhenValuesAreFloat64() throws IOException {
    Path file = write(NpyDType.FLOAT64, new long[] {2, 1, 3});

    assertThatThrownBy(() -> MeanActivationFiles.read(file, INPUT))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(NpyDType.FLOAT64.descr())
        .hasMessageContaining("expected float32 (<f4)");
  }

  @Test
  void shouldNameThePathWhenFileIsMissing() {
    Path missing = dir.resolve("absent.npy");

    assertThatThrownBy(() -> MeanActivationFiles.read(missing, INPUT))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  private Path write(NpyDType dtype, long[] shape) throws IOException {
    Path file = dir.resolve("abar.npy");
    try (NpyWriter writer = NpyWriter.open(file, dtype, shape)) {
      int row = writer.rowSize();
      for (int start = 0; start < A_BAR.length; start += row) {
        // float[] rows are widened exactly for a float64 file.
        writer.write(Arrays.copyOfRange(A_BAR, start, start + row));
      }
    }
    return file;
  }
}
