package org.flipad.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flipad.core.inversion.OutputActivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInputFilesTest {
  private static final ModelInputFormat GRAY_4X4 =
      new ModelInputFormat(ColorMode.GRAYSCALE, 4, 4, OutputActivation.TANH);
  private static final ImageFiles DECODER = ImageFiles.withDefaultLimits();

  @TempDir Path dir;

  @Test
  void shouldReadPngThenIdxImagesInOrderWhenBothAreGiven() throws IOException {
    Image8 image = TestImages.noise(1, 4, 4, 3);
    Path png = png("a.png", image);
    Path idx = IdxTestFiles.write(dir.resolve("b.gz"), IdxTestFiles.gzip(idxImages(3, 4, 4)));

    try (ModelInputFiles inputs = ModelInputFiles.scan(List.of(png, idx), GRAY_4X4, DECODER, 10)) {
      assertThat(inputs.total()).isEqualTo(4);
      ModelInput first = inputs.next();
      assertThat(first.file()).isEqualTo(png);
      assertThat(first.index()).isEqualTo(-1);
      assertThat(first.values()).containsExactly(GRAY_4X4.toModelInput(image));
      for (int i = 0; i < 3; i++) {
        ModelInput next = inputs.next();
        assertThat(next.file()).isEqualTo(idx);
        assertThat(next.index()).isEqualTo(i);
        assertThat(next.values()).hasSize(16);
      }
      assertThat(inputs.hasNext()).isFalse();
    }
  }

  @Test
  void shouldScaleIdxPixelsWhenReadFromIdx() throws IOException {
    Path idx = IdxTestFiles.write(dir.resolve("x.idx"), idxImages(2, 4, 4));

    try (ModelInputFiles inputs = ModelInputFiles.scan(List.of(idx), GRAY_4X4, DECODER, 10)) {
      inputs.next();
      float[] second = inputs.next().values();

      // IdxTestFiles: image 1 has pixel p = (31 + p) mod 256, scaled as 2k/255 − 1.
      assertThat(second[0]).isEqualTo((float) (2.0 * 31 / 255 - 1));
      assertThat(second[15]).isEqualTo((float) (2.0 * 46 / 255 - 1));
    }
  }

  @Test
  void shouldStopAtLimitWhenLimitIsBelowTheImageCount() throws IOException {
    Path idx = IdxTestFiles.write(dir.resolve("x.idx"), idxImages(4, 4, 4));
    Path png = png("a.png", TestImages.noise(1, 4, 4, 5));

    try (ModelInputFiles inputs = ModelInputFiles.scan(List.of(idx, png), GRAY_4X4, DECODER, 2)) {
      assertThat(inputs.total()).isEqualTo(2);
      assertThat(inputs.next().index()).isZero();
      assertThat(inputs.next().index()).isEqualTo(1);
      assertThat(inputs.hasNext()).isFalse();
    }
  }

  @Test
  void shouldRefuseWhileScanningWhenAnIdxImageHasWrongSize() throws IOException {
    Path png = png("a.png", TestImages.noise(1, 4, 4, 5));
    Path idx = IdxTestFiles.write(dir.resolve("x.idx"), idxImages(2, 5, 4));

    assertThatThrownBy(() -> ModelInputFiles.scan(List.of(png, idx), GRAY_4X4, DECODER, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(idx + " (IDX) is 4×5 px")
        .hasMessageContaining("does not resize");
  }

  @Test
  void shouldRefuseWithFormatWhileScanningWhenPngHasWrongSize() throws IOException {
    Path png = png("a.png", TestImages.noise(1, 4, 6, 5));

    assertThatThrownBy(() -> ModelInputFiles.scan(List.of(png), GRAY_4X4, DECODER, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(png + " (PNG) is 6×4 px");
  }

  @Test
  void shouldNameTheFileWhenBytesAreNoImage() throws IOException {
    Path text =
        Files.writeString(dir.resolve("notes.png"), "plain text", StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> ModelInputFiles.scan(List.of(text), GRAY_4X4, DECODER, 10))
        .isInstanceOfSatisfying(
            ImageRejection.class,
            e -> assertThat(e.reason()).isEqualTo(ImageRejection.Reason.UNSUPPORTED_FORMAT))
        .hasMessageStartingWith(text + ": ");
  }

  @Test
  void shouldNameThePathWhenFileIsMissing() {
    Path missing = dir.resolve("absent.png");

    assertThatThrownBy(() -> ModelInputFiles.scan(List.of(missing), GRAY_4X4, DECODER, 10))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldRefuseWhenNextIsCalledAfterTheLastImage() throws IOException {
    Path png = png("a.png", TestImages.noise(1, 4, 4, 5));

    try (ModelInputFiles inputs = ModelInputFiles.scan(List.of(png), GRAY_4X4, DECODER, 10)) {
      inputs.next();

      assertThatThrownBy(inputs::next)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("All 1 images were read");
    }
  }

  private Path png(String name, Image8 image) throws IOException {
    Path file = dir.resolve(name);
    PngWriter.write(image, file);
    return file;
  }

  private static byte[] idxImages(int count, int height, int width) throws IOException {
    return IdxTestFiles.images(count, height, width);
  }
}
