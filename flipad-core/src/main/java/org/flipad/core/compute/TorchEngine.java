package org.flipad.core.compute;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The process's PyTorch engine: its device and its intra-op thread pool. PyTorch keeps one pool per
 * process, shared by every model and tensor operation in it, so the pool is sized once per process
 * here rather than per detector.
 */
public final class TorchEngine {

  private static final String NAME = "PyTorch";

  private TorchEngine() {}

  /** What the engine runs on now. */
  public static Snapshot snapshot() {
    Engine engine = Engine.getEngine(NAME);
    return new Snapshot(
        engine.getVersion(),
        engine.getGpuCount(),
        engine.defaultDevice().toString(),
        JniUtils.getNumThreads(),
        JniUtils.getNumInteropThreads());
  }

  /**
   * Sizes PyTorch's intra-op pool. It changes no result: every score is computed in fixed-size
   * blocks whose per-row values PyTorch does not split across threads differently.
   *
   * @param threads at least 1
   * @throws IllegalArgumentException when {@code threads} is below 1
   */
  public static void useIntraOpThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException(
          "PyTorch needs at least 1 intra-op thread; got " + threads + ".");
    }
    Engine.getEngine(NAME); // loads the native library before it is called
    JniUtils.setNumThreads(threads);
  }

  /**
   * The device for tensor work under {@code choice} when PyTorch sees {@code gpuCount} GPUs: the
   * first GPU when asked for one or, with {@link DeviceChoice#AUTO}, when there is one; the CPU
   * otherwise.
   *
   * @throws IllegalStateException when a GPU is required and there is none
   */
  public static Device select(DeviceChoice choice, int gpuCount) {
    return switch (choice) {
      case CPU -> Device.cpu();
      case GPU -> {
        if (gpuCount == 0) {
          throw new IllegalStateException(
              "A GPU was required but PyTorch sees none. Use device AUTO or CPU, or install the"
                  + " CUDA flavour of the PyTorch native library.");
        }
        yield Device.gpu();
      }
      case AUTO -> gpuCount > 0 ? Device.gpu() : Device.cpu();
    };
  }

  /** {@link #select(DeviceChoice, int)} with the GPUs PyTorch sees in this process. */
  public static Device select(DeviceChoice choice) {
    return select(choice, Engine.getEngine(NAME).getGpuCount());
  }

  /**
   * The engine's state, for logs and metrics.
   *
   * @param version PyTorch's version
   * @param gpuCount GPUs PyTorch sees
   * @param defaultDevice where models without an explicit device run (DeepSAD scoring)
   * @param intraOpThreads threads of one operation
   * @param interOpThreads threads running independent operations
   */
  public record Snapshot(
      String version, int gpuCount, String defaultDevice, int intraOpThreads, int interOpThreads) {

    /** One line for a log. */
    public String describe() {
      return String.format(
          "PyTorch %s, %d GPU(s) visible, models on %s, %d intra-op and %d inter-op threads",
          version, gpuCount, defaultDevice, intraOpThreads, interOpThreads);
    }
  }
}
