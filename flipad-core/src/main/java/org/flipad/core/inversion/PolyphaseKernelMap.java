package org.flipad.core.inversion;

import ai.djl.ndarray.NDArray;

/**
 * Where each entry of the polyphase combined kernel of a transposed convolution comes from, so that
 * a trainable layer can gather the combined kernel from its weight and stay differentiable.
 *
 * <p>The combined kernel is [s²·C_out, C_in, size, size] with output channel (o·s + φy)·s + φx (see
 * {@link PolyphaseTransposedConvolution}); its entry for input channel c is w[c, o, u, v] or zero,
 * and which (o, u, v) it is does not depend on c. {@link #sourceTaps()} lists, in the order
 * (channel, row, col), the flat index (o·k + u)·k + v into one input channel's [C_out, k, k] slice
 * of the weight, or −1 where the combined kernel is zero. The convolution that uses the combined
 * kernel has stride 1, padding {@link #padding} and its result is cropped from {@link
 * #windowStart()} + padding, then pixel-shuffled.
 */
public final class PolyphaseKernelMap {

  private final PolyphaseTransposedConvolution.PhaseWindow window;
  private final int[] sourceTaps;
  private final int outChannels;

  private PolyphaseKernelMap(ConvGeometry geometry, int outChannels) {
    this.outChannels = outChannels;
    this.window = new PolyphaseTransposedConvolution.PhaseWindow(geometry);
    this.sourceTaps = window.sourceTaps(outChannels);
  }

  /**
   * Builds the map for a transposed convolution with {@code outChannels} output channels.
   *
   * @param geometry kernel, stride and padding
   * @param outChannels C_out ≥ 1
   */
  public static PolyphaseKernelMap of(ConvGeometry geometry, int outChannels) {
    if (outChannels < 1) {
      throw new IllegalArgumentException(
          "Output channels are " + outChannels + "; expected at least 1.");
    }
    return new PolyphaseKernelMap(geometry, outChannels);
  }

  /** Side length of the combined kernel's square window of input offsets. */
  public int windowSize() {
    return window.size();
  }

  /** Lowest input offset of the window (lo, often negative). */
  public int windowStart() {
    return window.lo();
  }

  /**
   * Source of each combined-kernel entry, flat over (channel, row, col): (o·k + u)·k + v, or −1 for
   * zero. Length s²·C_out·size². A fresh copy.
   */
  public int[] sourceTaps() {
    return sourceTaps.clone();
  }

  /**
   * Zero padding (both sides) of the stride-1 convolution along one axis.
   *
   * @param perPhase output rows (or columns) per phase, ⌈H_out / s⌉
   * @param inputLength input rows (or columns) H
   */
  public int padding(int perPhase, int inputLength) {
    return window.padding(perPhase, inputLength);
  }

  /**
   * Applies the transposed convolution given its combined kernel: stride-1 convolution, crop, pixel
   * shuffle (the same code as the inference path).
   *
   * @param input [N, C_in, H, W]
   * @param combinedKernel [s²·C_out, C_in, size, size], laid out as {@link #sourceTaps()} says
   * @param outHeight H_out
   * @param outWidth W_out
   * @return [N, C_out, H_out, W_out]
   */
  public NDArray apply(NDArray input, NDArray combinedKernel, int outHeight, int outWidth) {
    return window.convolveAndShuffle(
        input, combinedKernel, outChannels, new int[] {outHeight, outWidth});
  }
}
