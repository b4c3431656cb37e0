package org.flipad.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
  private final ImageFiles decoder = ImageFiles.withDefaultLimits();
  @TempDir Path dir;

  @Test
  void shouldListOnlyTopLevelImagesSortedByNameWhenFolderIsMixed() throws IOException {
    PngWriter.write(TestImages.noise(1, 4, 4, 1), dir.resolve("b.png"));
    PngWriter.write(TestImages.noise(1, 4, 4, 2), dir.resolve("a.PNG"));
    Files.write(dir.resolve("c.jpeg"), TestImages.solidJpeg(16, 8, new Color(10, 20, 30)));
    Files.writeString(dir.resolve("notes.txt"), "not an image");
    PngWriter.write(TestImages.noise(1, 4, 4, 3), dir.resolve(".hidden.png"));
    Files.createDirectory(dir.resolve("sub"));
    PngWriter.write(TestImages.noise(1, 4, 4, 4), dir.resolve("sub/d.png"));

    assertThat(ImageFolder.open(dir).files())
        .containsExactly(dir.resolve("a.PNG"), dir.resolve("b.png"), dir.resolve("c.jpeg"));
  }

  @Test
  void shouldReadGrayPngAndRgbJpegInRequestedModeWhenFolderHoldsBoth() throws IOException {
    Image8 gray = TestImages.noise(1, 6, 5, 7);
    PngWriter.write(gray, dir.resolve("1-gray.png"));
    Files.write(dir.resolve("2-rgb.jpg"), TestImages.solidJpeg(16, 8, new Color(200, 100, 50)));

    ImageFolder folder = ImageFolder.open(dir);
    ImageFolder.Contents rgb = folder.read(decoder, ColorMode.RGB, ImageFolder.OnUnreadable.FAIL);
    ImageFolder.Contents grayscale =
        folder.read(decoder, ColorMode.GRAYSCALE, ImageFolder.OnUnreadable.FAIL);

    assertThat(rgb.images().get(0)).isEqualTo(gray.inMode(ColorMode.RGB));
    Image8 photo = rgb.images().get(1);
    assertThat(new int[] {photo.channels(), photo.height(), photo.width()})
        .containsExactly(3, 8, 16);
    assertThat(photo.get(0, 4, 8)).isBetween(196, 204);
    assertThat(photo.get(2, 4, 8)).isBetween(46, 54);
    assertThat(grayscale.images().get(0)).isEqualTo(gray);
    assertThat(grayscale.images().get(1).channels()).isEqualTo(1);
    assertThat(rgb.skipped()).isEmpty();
  }

  @Test
  void shouldNameCorruptFileWhenPolicyIsFail() throws IOException {
    PngWriter.write(TestImages.noise(1, 4, 4, 1), dir.resolve("good.png"));
    Path broken = dir.resolve("broken.png");
    byte[] png = PngWriter.encode(TestImages.noise(3, 16, 16, 2));
    Files.write(broken, Arrays.copyOf(png, png.length / 2));

    assertThatThrownBy(
            () -> ImageFolder.open(dir).read(decoder, ColorMode.RGB, ImageFolder.OnUnreadable.FAIL))
        .isInstanceOfSatisfying(
            ImageRejection.class,
            e -> assertThat(e.reason()).isEqualTo(ImageRejection.Reason.CORRUPT))
        .hasMessageStartingWith(broken + ": PNG image is corrupt");
  }

  @Test
  void shouldSkipAndReportCorruptFileWhenPolicyIsSkip() throws IOException {
    Image8 good = TestImages.noise(3, 4, 4, 1);
    PngWriter.write(good, dir.resolve("good.png"));
    Path fake = dir.resolve("fake.jpg");
    Files.writeString(fake, "GIF89a, not a JPEG");

    ImageFolder.Contents contents =
        ImageFolder.open(dir).read(decoder, ColorMode.RGB, ImageFolder.OnUnreadable.SKIP);

    assertThat(contents.files()).containsExactly(dir.resolve("good.png"));
    assertThat(contents.images()).containsExactly(good);
    assertThat(contents.skipped())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.file()).isEqualTo(fake);
              assertThat(s.problem()).startsWith(fake + ": Image starts with bytes");
            });
  }

  @Test
  void shouldFailWhenNoFileIsReadableEvenIfPolicyIsSkip() throws IOException {
    Files.writeString(dir.resolve("a.png"), "not a png");

    assertThatThrownBy(
            () -> ImageFolder.open(dir).read(decoder, ColorMode.RGB, ImageFolder.OnUnreadable.SKIP))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("None of the 1 image files in " + dir);
  }

  @Test
  void shouldRefuseWhenFolderHoldsNoImage() throws IOException {
    Files.writeString(dir.resolve("readme.txt"), "nothing here");

    assertThatThrownBy(() -> ImageFolder.open(dir))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining(dir + " holds no .png, .jpg or .jpeg file")
        .hasMessageContaining("subfolders are not searched");
  }

  @Test
  void shouldRefuseWhenFolderDoesNotExist() {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> ImageFolder.open(missing))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining(missing + " does not exist");
  }
}
