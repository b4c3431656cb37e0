/**
 * NumPy {@code .npy} files: the exchange format for activations, features and reference arrays.
 *
 * <p>Owns: reading {@code .npy} format versions 1.0, 2.0 and 3.0 (little-endian, C order; dtypes
 * float32, float64, uint8, int32, int64) whole or row by row, and writing float32/float64 arrays
 * row by row with a header byte-identical to the one {@code numpy.save} writes; final-layer
 * description files ({@link org.flipad.core.io.FinalLayerFiles}: JSON plus float32 {@code .npy}
 * weights); mean penultimate activation files ({@link org.flipad.core.io.MeanActivationFiles}: ā as
 * a float32 {@code .npy}, checked against the layer's input shape).
 *
 * <p>Must not: depend on DJL, Kafka or any {@code org.flipad} package other than the public layer
 * records of {@code org.flipad.core.inversion} (which must never import this package); hold a whole
 * large array in memory when streaming; accept big-endian, Fortran-order, object or structured
 * arrays (they are refused with an {@link org.flipad.core.io.NpyFormatException} that says why).
 */
package org.flipad.core.io;
