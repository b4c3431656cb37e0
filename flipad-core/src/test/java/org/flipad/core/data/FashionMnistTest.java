package org.flipad.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
  @TempDir Path dir;

  @Test
  void shouldLoad2000GrayImagesWithLabels0To9WhenSubsetIsRead() throws IOException {
    LabelledImages subset = FashionMnist.testSubset();

    assertThat(subset.size()).isEqualTo(2000);
    assertThat(subset.images())
        .allSatisfy(
            image ->
                assertThat(new int[] {image.channels(), image.height(), image.width()})
                    .containsExactly(1, 28, 28));
    assertThat(Arrays.stream(subset.labels()).distinct().sorted().toArray())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
  }

  @Test
  void shouldMatchFirst2000OfDebianTestSetWhenInstalled() throws IOException {
    FashionMnist.Availability availability = FashionMnist.check(null);
    assumeTrue(availability.available(), availability.message());

    LabelledImages full = FashionMnist.locate(null).test();
    LabelledImages subset = FashionMnist.testSubset();

    assertThat(full.size()).isEqualTo(10_000);
    assertThat(subset.images()).isEqualTo(full.images().subList(0, 2000));
    assertThat(subset.labels()).isEqualTo(Arrays.copyOf(full.labels(), 2000));
  }

  @Test
  void shouldNameFileDirectoryAndInstallCommandWhenDatasetIsMissing() throws IOException {
    Files.createFile(dir.resolve("train-images-idx3-ubyte.gz"));

    assertThatThrownBy(() -> FashionMnist.locate(dir))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining(dir.resolve("train-labels-idx1-ubyte.gz") + " was not found")
        .hasMessageContaining("nor 2 more")
        .hasMessageContaining("t10k-labels-idx1-ubyte.gz")
        .hasMessageContaining(" in " + dir + ".")
        .hasMessageContaining("apt-get update && apt-get install -y dataset-fashion-mnist")
        .hasMessageContaining("pass the directory that holds the four .gz files");
  }

  @Test
  void shouldReportMissingFilesWithoutThrowingWhenChecked() {
    FashionMnist.Availability availability = FashionMnist.check(dir);

    assertThat(availability.available()).isFalse();
    assertThat(availability.missing())
        .containsExactlyElementsOf(FashionMnist.FILE_NAMES.stream().map(dir::resolve).toList());
  }

  @Test
  void shouldReadTestSplitWhenGivenDirectoryHoldsFourFiles() throws IOException {
    byte[] images = IdxTestFiles.gzip(IdxTestFiles.images(3, 28, 28));
    byte[] labels = IdxTestFiles.gzip(IdxTestFiles.labels(3));
    for (String name : FashionMnist.FILE_NAMES) {
      IdxTestFiles.write(dir.resolve(name), name.contains("images") ? images : labels);
    }

    LabelledImages test = FashionMnist.locate(dir).test();

    assertThat(test.images())
        .isEqualTo(IdxReader.readAllImages(dir.resolve("t10k-images-idx3-ubyte.gz")));
    assertThat(test.labels()).containsExactly(0, 1, 255);
  }

  @Test
  void shouldRefuseWhenImageAndLabelCountsDiffer() throws IOException {
    for (String name : FashionMnist.FILE_NAMES) {
      byte[] bytes =
          name.contains("images") ? IdxTestFiles.images(3, 28, 28) : IdxTestFiles.labels(2);
      IdxTestFiles.write(dir.resolve(name), bytes);
    }

    assertThatThrownBy(() -> FashionMnist.locate(dir).train())
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("holds 3 images but")
        .hasMessageContaining("holds 2 labels");
  }

  @Test
  void shouldNameTenClasses() {
    assertThat(FashionMnist.CLASS_NAMES)
        .hasSize(10)
        .startsWith("T-shirt/top")
        .endsWith("Ankle boot");
  }
}
