package org.flipad.core.inversion;

/** The kinds of final layer FLIPAD can invert. */
public enum FinalLayerKind {
  /** {@code ConvTranspose2d}: weight [C_in, C_out, k, k]. */
  CONV_TRANSPOSE,
  /** {@code Conv2d}: weight [C_out, C_in, k, k]. */
  CONV,
  /** {@code Linear}: weight [d_out, d_in]. */
  DENSE
}
