package org.flipad.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyReaderTest {
  @TempDir Path dir;

  @Test
  void shouldReadFloat32WhenFileWasWrittenByNumpy() throws IOException {
    NpyArray array = NpyReader.readAll(fixture("golden_f4_2x3x4.npy"));

    assertThat(array.dtype()).isEqualTo(NpyDType.FLOAT32);
    assertThat(array.shape()).containsExactly(2, 3, 4);
    assertThat(array.toFloatArray()).hasSize(24).startsWith(-11.5f / 3f).endsWith(11.5f / 3f);
  }

  @Test
  void shouldReadFloat64ExactlyWhenFileIsOneDimensional() throws IOException {
    NpyArray array = NpyReader.readAll(fixture("golden_f8_5.npy"));

    assertThat(array.shape()).containsExactly(5);
    assertThat(array.toDoubleArray()).containsExactly(0.0, -1.0, 1.0 / 3.0, 1e300, -2.5e-310);
  }

  @Test
  void shouldReadUnsignedBytesWhenDtypeIsUint8() throws IOException {
    NpyArray array = NpyReader.readAll(fixture("golden_u1_2x3.npy"));

    assertThat(array.dtype()).isEqualTo(NpyDType.UINT8);
    assertThat(array.toDoubleArray()).containsExactly(0, 1, 127, 128, 254, 255);
  }

  @Test
  void shouldReadInt64WhenValuesExceed32Bits() throws IOException {
    NpyArray array = NpyReader.readAll(fixture("golden_i8_3.npy"));

    assertThat(array.toDoubleArray()).containsExactly(-0x1p40, 0, 0x1p40 + 1);
  }

  @Test
  void shouldReadVersion2WhenHeaderLengthHasFourBytes() throws IOException {
    NpyArray array = NpyReader.readAll(fixture("golden_v2_i4_2x2.npy"));

    assertThat(array.dtype()).isEqualTo(NpyDType.INT32);
    assertThat(array.toFloatArray()).containsExactly(1, -2, 3, -4);
  }

  @Test
  void shouldStreamRowsInOrderWhenOpenedForRows() throws IOException {
    try (NpyReader reader = NpyReader.open(fixture("golden_u1_2x3.npy"))) {
      double[] row = new double[reader.rowSize()];
      reader.readRow(row);
      assertThat(row).containsExactly(0, 1, 127);
      reader.readRow(row);
      assertThat(row).containsExactly(128, 254, 255);
      assertThat(reader.hasNextRow()).isFalse();
      assertThatThrownBy(() -> reader.readRow(row)).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void shouldRefuseRowBufferWhenLengthIsWrong() throws IOException {
    try (NpyReader reader = NpyReader.open(fixture("golden_f4_2x3x4.npy"))) {
      assertThatThrownBy(() -> reader.readRow(new float[11]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("11 slots; rows have 12 values");
    }
  }

  @Test
  void shouldRefuseFileWhenDataIsTruncated() throws IOException {
    byte[] bytes = NpyTestFiles.golden("golden_f4_2x3x4.npy");
    Path file = write("cut.npy", Arrays.copyOf(bytes, bytes.length - 3));

    assertThatThrownBy(() -> NpyReader.readAll(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("96 data bytes but only 93");
    assertThatThrownBy(() -> NpyReader.open(file)).isInstanceOf(NpyFormatException.class);
  }

  @Test
  void shouldRefuseFileWhenHeaderIsTruncated() throws IOException {
    Path file = write("cut.npy", Arrays.copyOf(NpyTestFiles.golden("golden_f8_5.npy"), 40));

    assertThatThrownBy(() -> NpyReader.readAll(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("ends inside its header");
  }

  @Test
  void shouldRefuseFileWhenBytesFollowTheData() throws IOException {
    byte[] bytes = NpyTestFiles.golden("golden_u1_2x3.npy");
    Path file = write("long.npy", Arrays.copyOf(bytes, bytes.length + 2));

    assertThatThrownBy(() -> NpyReader.readAll(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("2 bytes after the data");
  }

  @Test
  void shouldRefuseFileWhenBigEndian() {
    assertThatThrownBy(() -> NpyReader.readAll(fixture("golden_bigendian_f4_3.npy")))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("'>f4'")
        .hasMessageContaining("big-endian");
  }

  @Test
  void shouldRefuseFileWhenFortranOrder() {
    assertThatThrownBy(() -> NpyReader.readAll(fixture("golden_fortran_f4_2x3.npy")))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("Fortran");
  }

  @Test
  void shouldRefuseFileWhenDtypeIsObject() throws IOException {
    String dict = "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }";
    Path file = write("obj.npy", NpyTestFiles.withDict(dict, new byte[16]));

    assertThatThrownBy(() -> NpyReader.readAll(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("'|O'")
        .hasMessageContaining("Object arrays");
  }

  @Test
  void shouldRefuseFileWhenDtypeIsStructured() throws IOException {
    String dict = "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }";
    Path file = write("rec.npy", NpyTestFiles.withDict(dict, new byte[4]));

    assertThatThrownBy(() -> NpyReader.readAll(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("structured dtype");
  }

  @Test
  void shouldRefuseFileWhenMagicIsMissing() throws IOException {
    Path file = write("text.npy", "hello, this is not numpy at all".getBytes());

    assertThatThrownBy(() -> NpyReader.readAll(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("magic");
  }

  @Test
  void shouldReadScalarWhenShapeIsEmpty() throws IOException {
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (), }";
    byte[] data = {0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F};
    NpyArray array = NpyReader.readAll(write("s.npy", NpyTestFiles.withDict(dict, data)));

    assertThat(array.shape()).isEmpty();
    assertThat(array.toDoubleArray()).containsExactly(1.0);
  }

  private Path fixture(String name) throws IOException {
    return write(name, NpyTestFiles.golden(name));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }
}
