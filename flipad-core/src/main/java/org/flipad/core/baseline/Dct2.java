package org.flipad.core.baseline;

/**
 * The orthonormal 2-D DCT-II of an H×W plane, as SciPy's {@code dct(dct(x, axis=0, norm="ortho"),
 * axis=1, norm="ortho")}.
 *
 * <p>{@code X[u, v] = a(u) a(v) Σ_y Σ_x x[y, x] cos(π (2y + 1) u / (2H)) cos(π (2x + 1) v / (2W))}
 * with {@code a(0) = √(1/N)} and {@code a(k) = √(2/N)} for {@code k > 0} (N = H or W). It is
 * computed separably, columns of each row then rows of each column, with precomputed cosine tables:
 * {@code O(H·W·(H + W))} operations. Instances are immutable and thread-safe.
 */
public final class Dct2 {

  private final int height;
  private final int width;
  private final double[] rowBasis;
  private final double[] columnBasis;

  /**
   * Precomputes the tables for one plane size.
   *
   * @param height rows H ≥ 1
   * @param width columns W ≥ 1
   */
  public Dct2(int height, int width) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "DCT plane is " + width + "×" + height + " px; both sides must be at least 1.");
    }
    this.height = height;
    this.width = width;
    this.rowBasis = basis(width);
    this.columnBasis = basis(height);
  }

  /**
   * Transforms a plane.
   *
   * @param plane H×W values, row-major; not modified
   * @return the H×W coefficients, row-major, {@code [u · W + v]} for vertical frequency u and
   *     horizontal frequency v (DC at index 0)
   * @throws IllegalArgumentException when the plane does not hold H·W values
   */
  public double[] forward(double[] plane) {
    if (plane.length != height * width) {
      throw new IllegalArgumentException(
          "Plane has "
              + plane.length
              + " values; this DCT expects "
              + height
              + "×"
              + width
              + " = "
              + height * width
              + ". Build a Dct2 for the plane's size.");
    }
    double[] rows = transform(plane, height, width, rowBasis, 1, width);
    return transform(rows, width, height, columnBasis, width, 1);
  }

  /** {@code basis[k · n + i] = a(k) cos(π (2i + 1) k / (2n))}. */
  private static double[] basis(int n) {
    double[] basis = new double[n * n];
    for (int k = 0; k < n; k++) {
      double a = Math.sqrt((k == 0 ? 1.0 : 2.0) / n);
      for (int i = 0; i < n; i++) {
        basis[k * n + i] = a * Math.cos(Math.PI * (2 * i + 1) * k / (2.0 * n));
      }
    }
    return basis;
  }

  /**
   * 1-D DCTs of {@code lines} lines of {@code length} samples; sample {@code j} of line {@code l}
   * sits at {@code l · lineStride + j · step}.
   */
  private static double[] transform(
      double[] in, int lines, int length, double[] basis, int step, int lineStride) {
    double[] out = new double[in.length];
    for (int l = 0; l < lines; l++) {
      int base = l * lineStride;
      for (int k = 0; k < length; k++) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
          sum += basis[k * length + i] * in[base + i * step];
        }
        out[base + k * step] = sum;
      }
    }
    return out;
  }
}
