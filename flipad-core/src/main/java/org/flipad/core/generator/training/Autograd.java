package org.flipad.core.generator.training;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * PyTorch autograd as the training loop needs it. Grad mode is thread-local in PyTorch, so each
 * training thread records its own graphs (DJL's {@code GradientCollector} allows one per JVM).
 */
public final class Autograd {
  private Autograd() {}

  /** Runs {@code computation} with graph recording on, restoring the previous mode after. */
  public static <T> T recording(Supplier<T> computation) {
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
    try {
      return computation.get();
    } finally {
      JniUtils.setGradMode(previous);
    }
  }

  /** Runs {@code action} with graph recording off (in-place parameter updates need it). */
  public static void notRecording(Runnable action) {
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      action.run();
    } finally {
      JniUtils.setGradMode(previous);
    }
  }

  /** Accumulates d(loss)/dθ into every parameter's gradient and frees the graph. */
  public static void backward(NDArray scalarLoss) {
    recording(
        () -> {
          JniUtils.backward(pt(scalarLoss), pt(scalarLoss.onesLike()), false, false);
          return null;
        });
  }

  /** Sets a parameter's accumulated gradient to zero. */
  public static void zeroGradient(NDArray parameter) {
    JniUtils.zeroGrad(pt(parameter));
  }

  private static PtNDArray pt(NDArray array) {
    if (array instanceof PtNDArray pt) {
      return pt;
    }
    throw new IllegalStateException(
        "Training needs DJL's PyTorch engine, but an array belongs to "
            + array.getManager().getEngine().getEngineName()
            + ". Put pytorch-engine on the class path and make it the default engine.");
  }
}
