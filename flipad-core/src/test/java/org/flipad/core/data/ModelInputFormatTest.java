package org.flipad.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.ConvTransposeLayer;
import org.flipad.core.inversion.DenseLayer;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.TensorShape;
import org.junit.jupiter.api.Test;

class ModelInputFormatTest {
  private static final ModelInputFormat GRAY_1X3_TANH =
      new ModelInputFormat(ColorMode.GRAYSCALE, 1, 3, OutputActivation.TANH);

  @Test
  void shouldTakeModeAndSizeFromOutputWhenLayerIsConvTranspose() {
    ModelInputFormat format = ModelInputFormat.of(convTranspose(3), OutputActivation.TANH);

    assertThat(format)
        .isEqualTo(new ModelInputFormat(ColorMode.RGB, 14, 14, OutputActivation.TANH));
  }

  @Test
  void shouldReadSquareGrayImageWhenDenseOutputsAreASquare() {
    ModelInputFormat format = ModelInputFormat.of(dense(784), OutputActivation.SIGMOID);

    assertThat(format)
        .isEqualTo(new ModelInputFormat(ColorMode.GRAYSCALE, 28, 28, OutputActivation.SIGMOID));
  }

  @Test
  void shouldReadSquareRgbImageWhenDenseOutputsAreThreeSquares() {
    ModelInputFormat format = ModelInputFormat.of(dense(48), OutputActivation.TANH);

    assertThat(format).isEqualTo(new ModelInputFormat(ColorMode.RGB, 4, 4, OutputActivation.TANH));
  }

  @Test
  void shouldRefuseWithCountWhenDenseOutputsAreNoSquareImage() {
    assertThatThrownBy(() -> ModelInputFormat.of(dense(10), OutputActivation.TANH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 outputs")
        .hasMessageContaining("check the layer description");
  }

  @Test
  void shouldRefuseWithShapeWhenLayerOutputsTwoChannels() {
    assertThatThrownBy(() -> ModelInputFormat.of(convTranspose(2), OutputActivation.TANH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 (gray) or 3 (RGB)")
        .hasMessageContaining("outChannels");
  }

  @Test
  void shouldRefuseWithBothSizesWhenImageSizeDiffers() {
    ModelInputFormat format = new ModelInputFormat(ColorMode.GRAYSCALE, 14, 14, null);

    assertThatThrownBy(() -> format.requireSize("a.png (PNG)", 12, 14))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a.png (PNG) is 12×14 px")
        .hasMessageContaining("outputs 14×14 px")
        .hasMessageContaining("does not resize");
  }

  @Test
  void shouldAcceptImageWhenSizeMatches() {
    ModelInputFormat format = new ModelInputFormat(ColorMode.GRAYSCALE, 14, 12, null);

    format.requireSize("a.png", 12, 14);
  }

  @Test
  void shouldScaleToMinusOneToOneWhenActivationIsTanh() {
    Image8 image = new Image8(1, 1, 3, new byte[] {0, (byte) 255, (byte) 128});

    assertThat(GRAY_1X3_TANH.toModelInput(image)).containsExactly(-1f, 1f, 0.003921569f);
  }

  @Test
  void shouldScaleToMinusOneToOneWhenActivationIsIdentity() {
    ModelInputFormat format =
        new ModelInputFormat(ColorMode.GRAYSCALE, 1, 3, OutputActivation.IDENTITY);
    Image8 image = new Image8(1, 1, 3, new byte[] {0, (byte) 255, (byte) 128});

    assertThat(format.toModelInput(image)).containsExactly(-1f, 1f, 0.003921569f);
  }

  @Test
  void shouldScaleToZeroOneWhenActivationIsSigmoid() {
    ModelInputFormat format =
        new ModelInputFormat(ColorMode.GRAYSCALE, 1, 3, OutputActivation.SIGMOID);
    Image8 image = new Image8(1, 1, 3, new byte[] {0, (byte) 255, (byte) 51});

    assertThat(format.toModelInput(image)).containsExactly(0f, 1f, 0.2f);
  }

  @Test
  void shouldConvertToLayerModeWhenImageHasOtherChannels() {
    Image8 rgb = TestImages.noise(3, 1, 3, 7);

    float[] values = GRAY_1X3_TANH.toModelInput(rgb);

    assertThat(values).containsExactly(GRAY_1X3_TANH.toModelInput(rgb.inMode(ColorMode.GRAYSCALE)));
  }

  @Test
  void shouldEqualScaledPixelsWhenDecodingPngBytes() {
    Image8 image = TestImages.noise(1, 1, 3, 11);

    float[] values =
        GRAY_1X3_TANH.decode("upload-1", PngWriter.encode(image), ImageFiles.withDefaultLimits());

    assertThat(values).containsExactly(GRAY_1X3_TANH.toModelInput(image));
  }

  @Test
  void shouldRefuseWithSourceAndSizesWhenDecodedBytesHaveWrongSize() {
    byte[] png = PngWriter.encode(TestImages.noise(1, 2, 3, 11));

    assertThatThrownBy(() -> GRAY_1X3_TANH.decode("upload-2", png, ImageFiles.withDefaultLimits()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("upload-2 (PNG) is 3×2 px");
  }

  @Test
  void shouldRefuseWithSourceAndReasonWhenBytesAreNoImage() {
    byte[] text = "not an image".getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> GRAY_1X3_TANH.decode("upload-3", text, ImageFiles.withDefaultLimits()))
        .isInstanceOfSatisfying(
            ImageRejection.class,
            e -> assertThat(e.reason()).isEqualTo(ImageRejection.Reason.UNSUPPORTED_FORMAT))
        .hasMessageStartingWith("upload-3: ");
  }

  /** 2×7×7 → {@code outChannels}×14×14. */
  private static ConvTransposeLayer convTranspose(int outChannels) {
    return new ConvTransposeLayer(
        new TensorShape(2, 7, 7),
        outChannels,
        new ConvGeometry(4, 2, 1),
        new float[2 * outChannels * 16],
        null);
  }

  private static DenseLayer dense(int outputs) {
    return new DenseLayer(2, outputs, new float[2 * outputs], null);
  }
}
