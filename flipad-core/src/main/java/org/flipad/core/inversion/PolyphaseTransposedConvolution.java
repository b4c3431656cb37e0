package org.flipad.core.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Exact transposed convolution for DJL's PyTorch engine, which has none: one stride-1 convolution
 * with s²·C_out output channels (one per output phase) followed by a pixel shuffle and a crop.
 *
 * <p>Output row y = s·q + φ receives a[q + m_φ − t]·w[c_φ + s·t] for c_φ = (φ + p) mod s, m_φ = ⌊(φ
 * + p)/s⌋ and every tap t with c_φ + s·t &lt; k. All phases share one window of input offsets [lo,
 * hi], so one convolution with a (hi − lo + 1)² kernel computes every phase at once; for k4 s2 p1
 * this is the 3×3, padding 1, 4·C_out convolution in STACK.md. Works for any kernel, stride,
 * padding and requested output size (which also gives the adjoint of a strided convolution, whose
 * natural transposed output may be a little smaller than the convolution's input).
 */
final class PolyphaseTransposedConvolution implements AutoCloseable {

  private final int stride;
  private final int outChannels;
  private final int outHeight;
  private final int outWidth;
  private final PhaseWindow window;
  private final NDArray kernel;

  /**
   * @param manager owns the combined kernel
   * @param weight [C_in, C_out, k, k] float32 (a transposed convolution's weight, or a
   *     convolution's weight [C_out, C_in, k, k] read as the adjoint's)
   * @param weightShape {C_in, C_out, k, k}
   * @param geometry kernel, stride and padding
   * @param outputSize {H_out, W_out} of the result
   * @param dataType float32 or float64
   */
  PolyphaseTransposedConvolution(
      NDManager manager,
      float[] weight,
      int[] weightShape,
      ConvGeometry geometry,
      int[] outputSize,
      DataType dataType) {
    this.stride = geometry.stride();
    this.outChannels = weightShape[1];
    this.outHeight = outputSize[0];
    this.outWidth = outputSize[1];
    this.window = new PhaseWindow(geometry);
    float[] combined = window.combinedKernel(weight, weightShape[0], outChannels);
    int size = window.size();
    this.kernel =
        manager
            .create(
                combined,
                new Shape((long) stride * stride * outChannels, weightShape[0], size, size))
            .toType(dataType, false);
  }

  /**
   * Applies the transposed convolution.
   *
   * @param input [N, C_in, H, W]
   * @return [N, C_out, H_out, W_out]
   */
  NDArray apply(NDArray input) {
    return window.convolveAndShuffle(input, kernel, outChannels, new int[] {outHeight, outWidth});
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  @Override
  public void close() {
    kernel.close();
  }

  /** The taps of each output phase along one axis, and the shared window of input offsets. */
  static final class PhaseWindow {
    private final ConvGeometry geometry;
    private final int lo;
    private final int hi;

    PhaseWindow(ConvGeometry geometry) {
      this.geometry = geometry;
      int s = geometry.stride();
      int low = Integer.MAX_VALUE;
      int high = Integer.MIN_VALUE;
      for (int phase = 0; phase < s; phase++) {
        int taps = taps(phase);
        if (taps > 0) {
          low = Math.min(low, offset(phase) - (taps - 1));
          high = Math.max(high, offset(phase));
        }
      }
      this.lo = low;
      this.hi = high;
    }

    int lo() {
      return lo;
    }

    int size() {
      return hi - lo + 1;
    }

    /** First kernel index used by a phase: c_φ = (φ + p) mod s. */
    int firstTap(int phase) {
      return (phase + geometry.padding()) % geometry.stride();
    }

    /** m_φ = ⌊(φ + p)/s⌋: input offset of tap 0. */
    int offset(int phase) {
      return (phase + geometry.padding()) / geometry.stride();
    }

    /** Number of kernel taps c_φ + s·t &lt; k. */
    int taps(int phase) {
      int first = firstTap(phase);
      return first >= geometry.kernel()
          ? 0
          : (geometry.kernel() - first + geometry.stride() - 1) / geometry.stride();
    }

    /** Symmetric zero padding so that every phase row q ∈ [0, perPhase) has its whole window. */
    int padding(int perPhase, int inputLength) {
      return Math.max(0, Math.max(-lo, perPhase + hi - inputLength));
    }

    /**
     * Runs the stride-1 convolution with a combined kernel, crops every phase to its window and
     * pixel-shuffles the phases into the output.
     *
     * @param input [N, C_in, H, W]
     * @param kernel [s²·C_out, C_in, size, size], from {@link #combinedKernel} or gathered from a
     *     trainable weight
     * @param outChannels C_out
     * @param outputSize {H_out, W_out}
     * @return [N, C_out, H_out, W_out]
     */
    NDArray convolveAndShuffle(NDArray input, NDArray kernel, int outChannels, int[] outputSize) {
      int s = geometry.stride();
      long n = input.getShape().get(0);
      int rowsPerPhase = ceilDiv(outputSize[0], s);
      int colsPerPhase = ceilDiv(outputSize[1], s);
      int padRows = padding(rowsPerPhase, (int) input.getShape().get(2));
      int padCols = padding(colsPerPhase, (int) input.getShape().get(3));
      NDArray phases =
          Conv2d.conv2d(
                  input,
                  kernel,
                  null,
                  new Shape(1, 1),
                  new Shape(padRows, padCols),
                  new Shape(1, 1),
                  1)
              .singletonOrThrow();
      int rowStart = lo + padRows;
      int colStart = lo + padCols;
      return phases
          .get(
              new NDIndex(
                  ":, :, {}:{}, {}:{}",
                  rowStart,
                  rowStart + rowsPerPhase,
                  colStart,
                  colStart + colsPerPhase))
          .reshape(n, outChannels, s, s, rowsPerPhase, colsPerPhase)
          .transpose(0, 1, 4, 2, 5, 3)
          .reshape(n, outChannels, (long) rowsPerPhase * s, (long) colsPerPhase * s)
          .get(new NDIndex(":, :, :{}, :{}", outputSize[0], outputSize[1]));
    }

    /** Kernel [s²·C_out, C_in, size, size]: output channel (o·s + φy)·s + φx. */
    float[] combinedKernel(float[] weight, int inChannels, int outChannels) {
      int k = geometry.kernel();
      int area = size() * size();
      int[] taps = sourceTaps(outChannels);
      float[] combined = new float[taps.length * inChannels];
      for (int i = 0; i < taps.length; i++) {
        if (taps[i] >= 0) {
          int channel = i / area;
          int position = i % area;
          for (int c = 0; c < inChannels; c++) {
            combined[(channel * inChannels + c) * area + position] =
                weight[c * outChannels * k * k + taps[i]];
          }
        }
      }
      return combined;
    }

    /**
     * For each combined-kernel entry (channel, row, col) of one input channel: the flat index (o·k
     * + u)·k + v of the weight tap it copies, or −1 where it is zero.
     */
    int[] sourceTaps(int outChannels) {
      int s = geometry.stride();
      int k = geometry.kernel();
      int size = size();
      int[] taps = new int[s * s * outChannels * size * size];
      java.util.Arrays.fill(taps, -1);
      for (int o = 0; o < outChannels; o++) {
        for (int py = 0; py < s; py++) {
          for (int px = 0; px < s; px++) {
            int channel = (o * s + py) * s + px;
            for (int ty = 0; ty < taps(py); ty++) {
              for (int tx = 0; tx < taps(px); tx++) {
                int u = firstTap(py) + s * ty;
                int v = firstTap(px) + s * tx;
                int row = offset(py) - ty - lo;
                int col = offset(px) - tx - lo;
                taps[(channel * size + row) * size + col] = (o * k + u) * k + v;
              }
            }
          }
        }
      }
      return taps;
    }
  }
}
