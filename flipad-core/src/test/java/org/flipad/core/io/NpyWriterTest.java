package org.flipad.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {
  @TempDir Path dir;

  @Test
  void shouldEncodeHeaderExactlyAsNumpyWhenShapeIsActivationDump() {
    byte[] header = NpyHeader.encode(NpyDType.FLOAT32, new long[] {10000, 64, 14, 14});

    assertThat(header).isEqualTo(NpyTestFiles.golden("golden_header_f4_10000x64x14x14.bin"));
  }

  @Test
  void shouldWriteBytesIdenticalToNumpyWhenRowsMatchGoldenFloat32() throws IOException {
    Path file = dir.resolve("a.npy");
    try (NpyWriter writer = NpyWriter.open(file, NpyDType.FLOAT32, new long[] {2, 3, 4})) {
      for (int r = 0; r < 2; r++) {
        float[] row = new float[12];
        for (int i = 0; i < 12; i++) {
          row[i] = ((float) (r * 12 + i) - 11.5f) / 3f;
        }
        writer.write(row);
      }
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(NpyTestFiles.golden("golden_f4_2x3x4.npy"));
  }

  @Test
  void shouldWriteOneAxisShapeWithTrailingCommaWhenArrayIsOneDimensional() throws IOException {
    Path file = dir.resolve("v.npy");
    double[] values = {0.0, -1.0, 1.0 / 3.0, 1e300, -2.5e-310};
    try (NpyWriter writer = NpyWriter.open(file, NpyDType.FLOAT64, new long[] {5})) {
      for (double v : values) {
        writer.write(new double[] {v});
      }
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(NpyTestFiles.golden("golden_f8_5.npy"));
  }

  @Test
  void shouldAlignDataTo64BytesWhenShapesVary() {
    long[][] shapes = {{0}, {1}, {7, 3}, {123456789012L, 1, 1, 1, 1, 1, 1, 1}, {3, 1000, 1000}};
    for (long[] shape : shapes) {
      byte[] header = NpyHeader.encode(NpyDType.FLOAT64, shape);

      assertThat(header.length % 64).as("header length for %s", (Object) shape).isZero();
      assertThat(header[header.length - 1]).isEqualTo((byte) '\n');
    }
  }

  @Test
  void shouldRoundTripWhenReadBackWholeAndByRow() throws IOException {
    Path file = dir.resolve("rt.npy");
    try (NpyWriter writer = NpyWriter.open(file, NpyDType.FLOAT32, new long[] {3, 2})) {
      writer.write(new float[] {1f, -2f});
      writer.write(new float[] {Float.MIN_VALUE, Float.MAX_VALUE});
      writer.write(new float[] {Float.NaN, Float.NEGATIVE_INFINITY});
    }

    NpyArray all = NpyReader.readAll(file);
    assertThat(all.shape()).containsExactly(3, 2);
    assertThat(all.toFloatArray())
        .containsExactly(
            1f, -2f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY);
    try (NpyReader reader = NpyReader.open(file)) {
      float[] row = new float[reader.rowSize()];
      reader.readRow(row);
      reader.readRow(row);
      assertThat(row).containsExactly(Float.MIN_VALUE, Float.MAX_VALUE);
    }
  }

  @Test
  void shouldWidenFloatRowsExactlyWhenFileIsFloat64() throws IOException {
    Path file = dir.resolve("wide.npy");
    try (NpyWriter writer = NpyWriter.open(file, NpyDType.FLOAT64, new long[] {1, 2})) {
      writer.write(new float[] {0.1f, -3f});
    }

    assertThat(NpyReader.readAll(file).toDoubleArray()).containsExactly((double) 0.1f, -3.0);
  }

  @Test
  void shouldRefuseRowWhenLengthDiffersFromSampleSize() throws IOException {
    try (NpyWriter writer =
        NpyWriter.open(dir.resolve("x.npy"), NpyDType.FLOAT32, shape(1, 2, 3))) {
      assertThatThrownBy(() -> writer.write(new float[5]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has 5 values; expected 6");
      writer.write(new float[6]);
    }
  }

  @Test
  void shouldRefuseRowWhenAllRowsAreWritten() throws IOException {
    try (NpyWriter writer = NpyWriter.open(dir.resolve("x.npy"), NpyDType.FLOAT32, shape(1, 2))) {
      writer.write(new float[2]);

      assertThatThrownBy(() -> writer.write(new float[2]))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("All 1 rows");
    }
  }

  @Test
  void shouldDeleteFileAndThrowWhenClosedBeforeAllRows() throws IOException {
    Path file = dir.resolve("short.npy");
    NpyWriter writer = NpyWriter.open(file, NpyDType.FLOAT32, shape(3, 2));
    writer.write(new float[2]);

    assertThatThrownBy(writer::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after 1 rows")
        .hasMessageContaining("declares 3");
    assertThat(file).doesNotExist();
  }

  @Test
  void shouldRefuseDoubleRowsWhenFileIsFloat32() throws IOException {
    try (NpyWriter writer = NpyWriter.open(dir.resolve("x.npy"), NpyDType.FLOAT32, shape(1, 1))) {
      assertThatThrownBy(() -> writer.write(new double[1]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("narrowing");
      writer.write(new float[1]);
    }
  }

  @Test
  void shouldRefuseOpenWhenDtypeIsNotFloat() {
    assertThatThrownBy(() -> NpyWriter.open(dir.resolve("x.npy"), NpyDType.UINT8, shape(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UINT8");
  }

  private static long[] shape(long... dims) {
    return dims;
  }
}
