package org.flipad.core.benchmark;

import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.TensorShape;

/** The benchmark's problem sizes: final layers ConvTranspose2d(64 → C, k4, s2, p1), no bias. */
public enum ProblemSize {
  /** 64×14×14 → 1×28×28, the project's Fashion-MNIST generators. */
  MNIST_28(new TensorShape(64, 14, 14), 1),
  /** 64×32×32 → 3×64×64, the paper's DCGAN on CelebA. */
  DCGAN_64(new TensorShape(64, 32, 32), 3);

  private final TensorShape activation;
  private final int outChannels;

  ProblemSize(TensorShape activation, int outChannels) {
    this.activation = activation;
    this.outChannels = outChannels;
  }

  /** Penultimate activation shape. */
  public TensorShape activation() {
    return activation;
  }

  /** Output channels. */
  public int outChannels() {
    return outChannels;
  }

  /** k4 s2 p1, as in DCGAN. */
  public ConvGeometry geometry() {
    return new ConvGeometry(4, 2, 1);
  }

  /** "64×14×14 → 1×28×28". */
  public String label() {
    int side = geometry().transposedOutput(activation.height());
    return activation + " → " + outChannels + "×" + side + "×" + side;
  }
}
