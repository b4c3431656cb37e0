package org.flipad.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
  private final ImageFiles files = ImageFiles.withDefaultLimits();
  @TempDir Path dir;

  @Test
  void shouldRoundTripGrayWhenWrittenAsPng() throws IOException {
    Image8 gray = TestImages.noise(1, 17, 23, 1);
    Path file = dir.resolve("gray.png");
    PngWriter.write(gray, file);

    assertThat(files.read(file, ColorMode.GRAYSCALE)).isEqualTo(gray);
  }

  @Test
  void shouldRoundTripRgbWhenWrittenAsPng() {
    Image8 rgb = TestImages.noise(3, 9, 31, 2);

    assertThat(files.decode(PngWriter.encode(rgb), ColorMode.RGB)).isEqualTo(rgb);
  }

  @Test
  void shouldReadJpegWhenWrittenByImageIo() throws IOException {
    Path file = dir.resolve("photo.bin"); // The extension plays no part.
    Files.write(file, TestImages.solidJpeg(16, 8, new Color(200, 100, 50)));

    Image8 image = files.read(file, ColorMode.RGB);

    assertThat(image.channels()).isEqualTo(3);
    assertThat(new int[] {image.height(), image.width()}).containsExactly(8, 16);
    assertThat(image.get(0, 4, 8)).isBetween(196, 204);
    assertThat(image.get(1, 4, 8)).isBetween(96, 104);
    assertThat(image.get(2, 4, 8)).isBetween(46, 54);
  }

  @Test
  @Timeout(5)
  void shouldRefuseFromHeaderWithoutDecodingWhenIhdrClaims20000Squared() {
    byte[] png = PngWriter.encode(TestImages.noise(3, 4, 4, 3));
    byte[] bomb = TestImages.withIhdrSize(png, 20000, 20000);
    long start = System.nanoTime();

    assertRejected(() -> files.decode(bomb, ColorMode.RGB), ImageRejection.Reason.TOO_MANY_PIXELS)
        .hasMessageContaining("20000×20000 px (400 Mpx); limit is 89 Mpx");
    // Decoding 400 Mpx would take seconds and over 1 GiB; reading IHDR takes milliseconds.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(files.probe(bomb)).isEqualTo(new ImageHeader(EncodedImageFormat.PNG, 20000, 20000));
  }

  @Test
  void shouldApplyConfiguredPixelCapWhenLimitIsLowered() {
    ImageFiles strict = new ImageFiles(DecodeLimits.defaults().withMaxPixels(100));
    byte[] png = PngWriter.encode(TestImages.noise(1, 10, 11, 4));

    assertRejected(
            () -> strict.decode(png, ColorMode.GRAYSCALE), ImageRejection.Reason.TOO_MANY_PIXELS)
        .hasMessageContaining("11×10 px");
  }

  @Test
  void shouldRefuseAsTooManyBytesWhenFileExceedsByteCap() throws IOException {
    ImageFiles strict = new ImageFiles(DecodeLimits.defaults().withMaxBytes(100));
    byte[] png = PngWriter.encode(TestImages.noise(1, 32, 32, 5));
    Path file = Files.write(dir.resolve("big.png"), png);

    assertRejected(
            () -> strict.read(file, ColorMode.GRAYSCALE), ImageRejection.Reason.TOO_MANY_BYTES)
        .hasMessageContaining(png.length + " bytes; limit is 100 bytes");
    assertRejected(
        () -> strict.read(new ByteArrayInputStream(png), ColorMode.GRAYSCALE),
        ImageRejection.Reason.TOO_MANY_BYTES);
  }

  @Test
  void shouldRefuseAsCorruptWhenPngIsTruncated() {
    byte[] png = PngWriter.encode(TestImages.noise(3, 64, 64, 6));
    byte[] truncated = Arrays.copyOf(png, png.length / 2);

    assertRejected(() -> files.decode(truncated, ColorMode.RGB), ImageRejection.Reason.CORRUPT)
        .hasMessageContaining("PNG image is corrupt or truncated");
  }

  @Test
  void shouldRefuseAsCorruptWhenJpegIsTruncated() {
    BufferedImage source = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        source.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | ((x ^ y) * 4));
      }
    }
    byte[] jpeg = TestImages.encode(source, "jpeg");
    byte[] truncated = Arrays.copyOf(jpeg, jpeg.length * 2 / 3);

    assertRejected(() -> files.decode(truncated, ColorMode.RGB), ImageRejection.Reason.CORRUPT);
  }

  @Test
  void shouldRefuseAsUnsupportedFormatWhenFileIsText() throws IOException {
    Path file = Files.writeString(dir.resolve("cat.png"), "Hello, I am not an image.\n");

    assertRejected(() -> files.read(file, ColorMode.RGB), ImageRejection.Reason.UNSUPPORTED_FORMAT)
        .hasMessageContaining("[48 65 6C 6C 6F 2C 20 49]")
        .hasMessageContaining("neither PNG");
  }

  @Test
  void shouldRefuseAsUnsupportedFormatWhenFileIsGif() {
    BufferedImage source = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED);
    byte[] gif = TestImages.encode(source, "gif");

    assertRejected(
        () -> files.decode(gif, ColorMode.RGB), ImageRejection.Reason.UNSUPPORTED_FORMAT);
  }

  @Test
  void shouldRefuseAsUnsupportedFormatWhenInputIsEmpty() {
    assertRejected(
        () -> files.decode(new byte[0], ColorMode.RGB), ImageRejection.Reason.UNSUPPORTED_FORMAT);
  }

  @Test
  void shouldConvertToBt601LumaWhenRgbReadAsGrayscale() {
    byte[] pixels = new byte[3 * 4];
    int[][] rgb = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {10, 20, 30}};
    for (int i = 0; i < 4; i++) {
      for (int c = 0; c < 3; c++) {
        pixels[c * 4 + i] = (byte) rgb[i][c];
      }
    }
    byte[] png = PngWriter.encode(new Image8(3, 1, 4, pixels));

    Image8 gray = files.decode(png, ColorMode.GRAYSCALE);

    // 0.299·255 = 76.245, 0.587·255 = 149.685, 0.114·255 = 29.07, 2.99 + 11.74 + 3.42 = 18.15.
    assertThat(gray.pixels()).containsExactly(76, (byte) 150, 29, 18);
  }

  @Test
  void shouldReplicateGrayWhenGrayReadAsRgb() {
    Image8 gray = TestImages.noise(1, 3, 5, 7);

    Image8 rgb = files.decode(PngWriter.encode(gray), ColorMode.RGB);

    assertThat(rgb.channels()).isEqualTo(3);
    for (int c = 0; c < 3; c++) {
      assertThat(Arrays.copyOfRange(rgb.pixels(), c * 15, c * 15 + 15)).isEqualTo(gray.pixels());
    }
  }

  @Test
  void shouldDropAlphaWithoutCompositingWhenPngHasAlpha() {
    BufferedImage source = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    source.setRGB(0, 0, 0x00_0A_14_1E); // fully transparent, colour (10, 20, 30)
    source.setRGB(1, 0, 0x80_C8_64_32); // half transparent, colour (200, 100, 50)

    Image8 rgb = files.decode(TestImages.encode(source, "png"), ColorMode.RGB);

    assertThat(rgb.pixels()).containsExactly(10, (byte) 200, 20, 100, 30, 50);
  }

  @Test
  void shouldRoundSixteenBitSamplesToNearestWhenPngIsSixteenBit() {
    BufferedImage source = new BufferedImage(5, 1, BufferedImage.TYPE_USHORT_GRAY);
    int[] samples = {0, 128, 129, 257 * 100 + 128, 65535};
    source.getRaster().setSamples(0, 0, 5, 1, 0, samples);

    Image8 gray = files.decode(TestImages.encode(source, "png"), ColorMode.GRAYSCALE);

    assertThat(gray.pixels()).containsExactly(0, 0, 1, 100, (byte) 255);
  }

  @Test
  void shouldExpandPaletteWhenPngIsIndexed() {
    BufferedImage source = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED);
    source.setRGB(0, 0, 0xFF0000);
    source.setRGB(1, 0, 0xFFFFFF);

    Image8 rgb = files.decode(TestImages.encode(source, "png"), ColorMode.RGB);

    assertThat(rgb.pixels()).containsExactly((byte) 255, (byte) 255, 0, (byte) 255, 0, (byte) 255);
  }

  @Test
  void shouldReadHeaderWithoutDecodingWhenProbed() {
    byte[] png = PngWriter.encode(TestImages.noise(3, 7, 9, 8));

    assertThat(files.probe(png)).isEqualTo(new ImageHeader(EncodedImageFormat.PNG, 9, 7));
  }

  @Test
  void shouldSniffFormatByMagicWhenBytesAreGiven() {
    assertThat(EncodedImageFormat.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}))
        .contains(EncodedImageFormat.JPEG);
    assertThat(EncodedImageFormat.sniff("GIF89a".getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable>
      assertRejected(ThrowingCallable call, ImageRejection.Reason reason) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ImageRejection.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
