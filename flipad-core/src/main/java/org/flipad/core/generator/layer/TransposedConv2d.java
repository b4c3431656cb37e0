package org.flipad.core.generator.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.Optional;
import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.PolyphaseKernelMap;

/**
 * Trainable 2-D transposed convolution with PyTorch's {@code ConvTranspose2d(C_in, C_out, k,
 * stride=s, padding=p, bias=…)} semantics (dilation 1, groups 1, no output padding), for DJL's
 * PyTorch engine, which has none.
 *
 * <p>y[n, o, i·s − p + u, j·s − p + v] += x[n, c, i, j]·w[c, o, u, v] (+ b[o]), so H_out = (H −
 * 1)·s − 2p + k. Computed exactly as {@code PolyphaseTransposedConvolution} does (one stride-1
 * conv2d with s²·C_out output channels, a pixel shuffle and a crop), except that the combined
 * kernel is gathered from the weight NDArray with differentiable indexing, so autograd reaches the
 * weight, the bias and the input.
 *
 * <p>Parameters: {@code weight} [C_in, C_out, k, k], initialised N(0, 0.02²) as in DCGAN, and
 * optionally {@code bias} [C_out], initialised to zero. Same layout as PyTorch and as {@code
 * ConvTransposeLayer}, so weights export unchanged. Input [N, C_in, H, W] float32 or float64;
 * output [N, C_out, H_out, W_out] of the same type.
 */
public final class TransposedConv2d extends AbstractBlock {

  private static final byte VERSION = 1;
  private static final float DCGAN_SIGMA = 0.02f;

  private final int inChannels;
  private final int outChannels;
  private final ConvGeometry geometry;
  private final PolyphaseKernelMap map;
  private final long[] gatherIndex;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * @param inChannels C_in ≥ 1
   * @param outChannels C_out ≥ 1
   * @param geometry kernel k, stride s and padding p
   * @param withBias whether to add a learnt bias [C_out]
   */
  public TransposedConv2d(
      int inChannels, int outChannels, ConvGeometry geometry, boolean withBias) {
    super(VERSION);
    if (inChannels < 1) {
      throw new IllegalArgumentException(
          "Input channels are " + inChannels + "; expected at least 1.");
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.geometry = geometry;
    this.map = PolyphaseKernelMap.of(geometry, outChannels);
    this.gatherIndex =
        gatherIndex(map.sourceTaps(), outChannels * geometry.kernel() * geometry.kernel());
    this.weight =
        addParameter(
            Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(DCGAN_SIGMA))
                .build());
    this.bias =
        withBias
            ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build())
            : null;
  }

  /** Zero taps (−1) point at the extra zero row appended after the C_out·k·k weight rows. */
  private static long[] gatherIndex(int[] taps, int zeroRow) {
    long[] index = new long[taps.length];
    for (int i = 0; i < taps.length; i++) {
      index[i] = taps[i] < 0 ? zeroRow : taps[i];
    }
    return index;
  }

  /** Kernel, stride and padding. */
  public ConvGeometry geometry() {
    return geometry;
  }

  /** The weight parameter [C_in, C_out, k, k]. */
  public Parameter weight() {
    return weight;
  }

  /** The bias parameter [C_out], if the layer has one. */
  public Optional<Parameter> bias() {
    return Optional.ofNullable(bias);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray input = inputs.singletonOrThrow();
    checkInput(input.getShape());
    NDManager manager = input.getManager();
    NDArray w = parameterStore.getValue(weight, input.getDevice(), training);
    NDArray output = shuffle(input, combinedKernel(w, input.getDataType(), manager));
    if (bias != null) {
      NDArray b = parameterStore.getValue(bias, input.getDevice(), training);
      NDArray column = onto(manager, b.reshape(1, outChannels, 1, 1));
      output = output.add(column.toType(input.getDataType(), false));
    }
    return new NDList(output);
  }

  /** [s²·C_out, C_in, size, size] gathered from w [C_in, C_out, k, k], differentiably. */
  private NDArray combinedKernel(NDArray w, DataType dataType, NDManager manager) {
    int k = geometry.kernel();
    int s = geometry.stride();
    int size = map.windowSize();
    NDArray rows =
        onto(manager, w.reshape(inChannels, (long) outChannels * k * k))
            .toType(dataType, false)
            .transpose();
    NDArray padded = rows.concat(manager.zeros(new Shape(1, inChannels), dataType), 0);
    NDArray index = manager.create(gatherIndex).toDevice(w.getDevice(), false);
    return padded
        .get(index)
        .reshape((long) s * s * outChannels, size, size, inChannels)
        .transpose(0, 3, 1, 2);
  }

  /**
   * Moves an array derived from a parameter to the caller's manager: DJL attaches results to the
   * operand's manager, which for parameters is the model's, so every forward pass would otherwise
   * leave arrays there until the model closes.
   */
  private static NDArray onto(NDManager manager, NDArray derived) {
    derived.attach(manager);
    return derived;
  }

  /** The shared polyphase convolution, crop and pixel shuffle, to [H_out, W_out]. */
  private NDArray shuffle(NDArray input, NDArray kernel) {
    Shape shape = input.getShape();
    return map.apply(
        input,
        kernel,
        geometry.transposedOutput((int) shape.get(2)),
        geometry.transposedOutput((int) shape.get(3)));
  }

  private void checkInput(Shape shape) {
    if (shape.dimension() != 4 || shape.get(1) != inChannels) {
      throw new IllegalArgumentException(
          "Transposed convolution input has shape "
              + shape
              + "; expected [N, "
              + inChannels
              + ", H, W]. Reshape the input or build the layer with "
              + shape.get(Math.min(1, shape.dimension() - 1))
              + " input channels.");
    }
    if (geometry.transposedOutput((int) shape.get(2)) < 1
        || geometry.transposedOutput((int) shape.get(3)) < 1) {
      throw new IllegalArgumentException(
          "Transposed convolution input "
              + shape
              + " gives an empty output with "
              + geometry
              + "; expected H and W with (H − 1)·s − 2p + k ≥ 1.");
    }
  }

  /**
   * [N, C_in, H, W] → [N, C_out, (H − 1)·s − 2p + k, (W − 1)·s − 2p + k].
   *
   * @param inputShapes one shape [N, C_in, H, W]
   */
  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    checkInput(in);
    return new Shape[] {
      new Shape(
          in.get(0),
          outChannels,
          geometry.transposedOutput((int) in.get(2)),
          geometry.transposedOutput((int) in.get(3)))
    };
  }

  /**
   * Sets the parameter shapes, or checks those of arrays given beforehand with {@link
   * Parameter#setArray} (for example imported PyTorch weights).
   */
  @Override
  protected void prepare(Shape[] inputShapes) {
    checkInput(inputShapes[0]);
    int k = geometry.kernel();
    prepare(weight, new Shape(inChannels, outChannels, k, k));
    if (bias != null) {
      prepare(bias, new Shape(outChannels));
    }
  }

  private static void prepare(Parameter parameter, Shape expected) {
    if (parameter.getShape() == null) {
      parameter.setShape(expected);
    } else if (!parameter.getShape().equals(expected)) {
      throw new IllegalArgumentException(
          "Parameter "
              + parameter.getName()
              + " has shape "
              + parameter.getShape()
              + "; expected "
              + expected
              + " (PyTorch ConvTranspose2d layout). Export the weight in that layout.");
    }
  }

  @Override
  public String toString() {
    return "TransposedConv2d("
        + inChannels
        + " → "
        + outChannels
        + ", k="
        + geometry.kernel()
        + ", s="
        + geometry.stride()
        + ", p="
        + geometry.padding()
        + (bias == null ? ", no bias)" : ")");
  }
}
