package org.flipad.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  @TempDir Path dir;

  @Test
  void shouldReadImagesInOrderWhenFileIsPlain() throws IOException {
    Path file = IdxTestFiles.write(dir.resolve("imgs"), IdxTestFiles.images(3, 28, 28));

    List<Image8> images = IdxReader.readAllImages(file);

    assertThat(images).hasSize(3);
    assertThat(images.get(2).channels()).isEqualTo(1);
    assertThat(images.get(2).get(0, 0, 0)).isEqualTo(62);
    assertThat(images.get(2).get(0, 1, 2)).isEqualTo((62 + 28 + 2) % 256);
  }

  @Test
  void shouldReadSameImagesWhenFileIsGzipped() throws IOException {
    byte[] plain = IdxTestFiles.images(4, 5, 7);
    Path plainFile = IdxTestFiles.write(dir.resolve("plain"), plain);
    // No .gz extension: gzip is recognised by its magic bytes.
    Path gzipFile = IdxTestFiles.write(dir.resolve("packed"), IdxTestFiles.gzip(plain));

    assertThat(IdxReader.readAllImages(gzipFile)).isEqualTo(IdxReader.readAllImages(plainFile));
  }

  @Test
  void shouldStreamOneImageAtATimeWhenOpened() throws IOException {
    Path file =
        IdxTestFiles.write(dir.resolve("g.gz"), IdxTestFiles.gzip(IdxTestFiles.images(2, 3, 4)));

    try (IdxImages images = IdxReader.openImages(file)) {
      assertThat(new int[] {images.count(), images.height(), images.width()})
          .containsExactly(2, 3, 4);
      assertThat(images.next().get(0, 0, 1)).isEqualTo(1);
      assertThat(images.position()).isEqualTo(1);
      assertThat(images.next().get(0, 0, 0)).isEqualTo(31);
      assertThat(images.hasNext()).isFalse();
    }
  }

  @Test
  void shouldReadLabelsWhenFileIsPlainOrGzipped() throws IOException {
    byte[] labels = IdxTestFiles.labels(12);
    Path plain = IdxTestFiles.write(dir.resolve("l"), labels);
    Path gzip = IdxTestFiles.write(dir.resolve("l.gz"), IdxTestFiles.gzip(labels));

    assertThat(IdxReader.readLabels(plain)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 255);
    assertThat(IdxReader.readLabels(gzip)).isEqualTo(IdxReader.readLabels(plain));
  }

  @Test
  void shouldRefuseWhenLabelFileIsOpenedAsImages() throws IOException {
    Path file = IdxTestFiles.write(dir.resolve("labels"), IdxTestFiles.labels(3));

    assertThatThrownBy(() -> IdxReader.openImages(file))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("is a label file (magic 0x00000801)")
        .hasMessageContaining("Swap the image and label paths");
  }

  @Test
  void shouldRefuseWhenMagicIsNotIdx() throws IOException {
    Path file = Files.writeString(dir.resolve("x"), "PK\u0003\u0004 a zip file");

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("starts with 0x504B0304, not the IDX magic 0x00000801");
  }

  @Test
  void shouldRefuseWhenElementTypeIsNotUnsignedByte() throws IOException {
    byte[] bytes = IdxTestFiles.images(1, 2, 2);
    bytes[2] = 0x0D; // float
    Path file = IdxTestFiles.write(dir.resolve("f"), bytes);

    assertThatThrownBy(() -> IdxReader.openImages(file))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("element type 0x0D");
  }

  @Test
  void shouldRefuseAtOpenWhenPlainFileIsTruncated() throws IOException {
    byte[] bytes = IdxTestFiles.images(3, 4, 4);
    Path file = IdxTestFiles.write(dir.resolve("t"), Arrays.copyOf(bytes, bytes.length - 5));

    assertThatThrownBy(() -> IdxReader.openImages(file))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("59 bytes but its header declares 64")
        .hasMessageContaining("truncated");
  }

  @Test
  void shouldRefuseWhileStreamingWhenGzippedFileIsTruncated() throws IOException {
    byte[] plain = IdxTestFiles.images(3, 4, 4);
    Path file =
        IdxTestFiles.write(dir.resolve("t.gz"), IdxTestFiles.gzip(Arrays.copyOf(plain, 50)));

    try (IdxImages images = IdxReader.openImages(file)) {
      images.next();
      images.next();
      assertThatThrownBy(images::next)
          .isInstanceOf(UncheckedIOException.class)
          .hasCauseInstanceOf(IdxFormatException.class)
          .hasMessageContaining("ended inside image 2 of 3");
    }
  }

  @Test
  void shouldRefuseWhenLabelsAreTruncated() throws IOException {
    byte[] labels = IdxTestFiles.labels(10);
    Path file =
        IdxTestFiles.write(dir.resolve("l.gz"), IdxTestFiles.gzip(Arrays.copyOf(labels, 12)));

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("ends after 4 of its 10 labels");
  }

  @Test
  void shouldReadFashionMnistTestSetWhenDatasetIsInstalled() throws IOException {
    Path images = FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz");
    assumeTrue(
        Files.exists(images),
        "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist); skipped.");

    int[] labels = IdxReader.readLabels(FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz"));
    try (IdxImages stream = IdxReader.openImages(images)) {
      int n = 0;
      while (stream.hasNext()) {
        assertThat(stream.next().area()).isEqualTo(28 * 28);
        n++;
      }
      assertThat(n).isEqualTo(10_000).isEqualTo(labels.length);
    }
    assertThat(java.util.Arrays.stream(labels).distinct().sorted().toArray())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
  }
}
