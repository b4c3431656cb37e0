package org.flipad.streams.cli;

import java.nio.file.Path;
import org.flipad.core.data.ColorMode;
import org.flipad.core.data.Image8;
import org.flipad.core.data.PixelScaling;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.FinalLayerKind;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.TensorShape;

/**
 * The image a final layer produces: colour mode, exact size and the pixel scaling that puts 8-bit
 * pixels k into the output activation's range.
 *
 * <p>Scaling: TANH and IDENTITY use x = 2k/255 − 1 ({@link PixelScaling}, the range generators
 * trained with {@code Normalize(0.5, 0.5)} produce; an identity-output generator is assumed to be
 * trained on that range too); SIGMOID uses x = k/255. A DENSE layer's d_out outputs are read as a
 * square gray image (d_out = H·W) or, failing that, a square RGB image (d_out = 3·H·W).
 *
 * @param mode 1 channel (GRAYSCALE) or 3 (RGB), from the layer's output channels
 * @param height rows the image must have
 * @param width columns the image must have
 * @param activation the invertible output activation
 */
record ModelImage(ColorMode mode, int height, int width, OutputActivation activation) {

  /** The image layout of {@code layer}'s output, refusing layouts no image file can have. */
  static ModelImage of(FinalLayer layer, OutputActivation activation) {
    TensorShape out = layer.outputShape();
    if (layer.kind() == FinalLayerKind.DENSE) {
      return ofDense(out.channels(), activation);
    }
    return new ModelImage(modeOf(out.channels(), out), out.height(), out.width(), activation);
  }

  private static ModelImage ofDense(int outputs, OutputActivation activation) {
    int gray = (int) Math.round(Math.sqrt(outputs));
    if (gray * gray == outputs) {
      return new ModelImage(ColorMode.GRAYSCALE, gray, gray, activation);
    }
    int rgb = (int) Math.round(Math.sqrt(outputs / 3.0));
    if (3 * rgb * rgb == outputs) {
      return new ModelImage(ColorMode.RGB, rgb, rgb, activation);
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

  /** Refuses an image whose size differs from {@code height × width}; no resizing is done. */
  void requireSize(Path file, String where, int imageWidth, int imageHeight) {
    if (imageWidth != width || imageHeight != height) {
      throw new IllegalArgumentException(
          file
              + where
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
   * @param image {@code [mode.channels(), height, width]} 8-bit pixels (converted to {@link
   *     #mode()} first)
   * @return C·H·W float32 values in C order
   */
  float[] toModelRange(Image8 image) {
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
}
