package org.flipad.core.compute;

/** Where tensor work should run. */
public enum DeviceChoice {
  /** The GPU when PyTorch sees one, else the CPU. */
  AUTO,
  /** Always the CPU. */
  CPU,
  /** A GPU, or an error when there is none. */
  GPU
}
