package org.flipad.core.data;

import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.FinalLayerKind;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.TensorShape;

/**
 * The image a generator's final layer produces, and so the images it can invert: colour mode, exact
 * size and the pixel scaling that puts 8-bit pixels k into the output activation's range.
 *
 * <p>Scaling: TANH and IDENTITY use x = 2k/255 − 1 ({@link PixelScaling}, the range generators
 * trained with {@code Normalize(0.5, 0.5)} produce; an identity-output generator is assumed to be
 * trained on that range too); SIGMOID uses x = k/255. A DENSE layer's d_out outputs are read as a
 * square gray image (d_out = H·W) or, failing that, a square RGB image (d_out = 3·H·W). Images are
 * never resized: one of another size is refused.
 *
 * @param mode 1 channel (GRAYSCALE) or 3 (RGB), from the layer's output channels
 * @param height rows the image must have
 * @param width columns the image must have
 * @param activation the invertible output activation
 */
public record ModelInputFormat(ColorMode mode, int height, int width, OutputActivation activation) {

  /**
   * The image layout of {@code layer}'s output, refusing layouts no image file can have.
   *
   * @param layer the generator's final layer
   * @param activation its output activation, already checked to be invertible
   * @throws IllegalArgumentException when the layer outputs neither 1 nor 3 channels, or a dense
   *     layer's outputs are neither a square gray nor a square RGB image
   */
  public static ModelInputFormat of(FinalLayer layer, OutputActivation activation) {
    TensorShape out = layer.outputShape();
    if (layer.kind() == FinalLayerKind.DENSE) {
      return ofDense(out.channels(), activation);
    }
    return new ModelInputFormat(modeOf(out.channels(), out), out.height(), out.width(), activation);
  }

  private static ModelInputFormat ofDense(int outputs, OutputActivation activation) {
    int gray = (int) Math.round(Math.sqrt(outputs));
    if (gray * gray == outputs) {
      return new ModelInputFormat(ColorMode.GRAYSCALE, gray, gray, activation);
    }
    int rgb = (int) Math.round(Math.sqrt(outputs / 3.0));
    if (3 * rgb * rgb == outputs) {
      return new ModelInputFormat(ColorMode.RGB, rgb, rgb, activation);
    }
    throw new IllegalArgumentException(
        "The dense final layer has "
            + outputs
            + " outputs, which is neither a square gray image (H·W) nor a square RGB image"
            + " (3·H·W). Images cannot be matched to it; check the layer description.");
  }

  private static ColorMode modeOf(int channels, TensorShape out) {
    for (ColorMode mode : ColorMode.values()) {
      if (mode.channels() == channels) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "The final layer outputs "
            + out
            + " (C×H×W); image files have 1 (gray) or 3 (RGB) channels. Invert a generator"
            + " whose output is an image, or check \"outChannels\" in the layer description.");
  }

  /**
   * Refuses an image whose size differs from {@code height × width}; no resizing is done.
   *
   * @param source names the image at the start of the message, e.g. {@code "a.png (PNG)"}
   * @param imageWidth the image's width in pixels
   * @param imageHeight the image's height in pixels
   * @throws IllegalArgumentException when the size differs, with both sizes in the message
   */
  public void requireSize(String source, int imageWidth, int imageHeight) {
    if (imageWidth != width || imageHeight != height) {
      throw new IllegalArgumentException(
          source
              + " is "
              + imageWidth
              + "×"
              + imageHeight
              + " px; the generator's final layer outputs "
              + width
              + "×"
              + height
              + " px. Pass images of exactly that size (flipad does not resize).");
    }
  }

  /**
   * Scales an image of this layout into the activation's range.
   *
   * @param image 8-bit pixels {@code [C, height, width]}, converted to {@link #mode()} first
   * @return {@code [mode.channels(), height, width]} float32 values in C order
   */
  public float[] toModelInput(Image8 image) {
    byte[] pixels = image.inMode(mode).pixels();
    if (activation != OutputActivation.SIGMOID) {
      return PixelScaling.toUnitRangeFloat(pixels);
    }
    float[] out = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      out[i] = (float) ((pixels[i] & 0xFF) / 255.0);
    }
    return out;
  }

  /**
   * Decodes an encoded PNG/JPEG (an upload, say) and scales it into the activation's range,
   * checking its size from the header before any pixel is decoded.
   *
   * @param source names the image in error messages, e.g. an upload id or a file name
   * @param encoded the PNG or JPEG bytes
   * @param decoder the decoder with its safety limits
   * @return {@code [mode.channels(), height, width]} float32 values in C order
   * @throws ImageRejection when the decoder refuses the bytes (its message starts with {@code
   *     source})
   * @throws IllegalArgumentException when the image has another size than this layout
   */
  public float[] decode(String source, byte[] encoded, ImageFiles decoder) {
    try {
      ImageHeader header = decoder.probe(encoded);
      requireSize(source + " (" + header.format() + ")", header.width(), header.height());
      return toModelInput(decoder.decode(encoded, mode));
    } catch (ImageRejection e) {
      throw new ImageRejection(e.reason(), source + ": " + e.getMessage(), e);
    }
  }
}
