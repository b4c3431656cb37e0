package org.flipad.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The separable orthonormal DCT-II against the textbook double sum. */
class Dct2Test {

  private static final long SEED = 20240607L;

  @Test
  void shouldEqualTheDirectFormulaOnRandomData() {
    for (int[] size : new int[][] {{28, 28}, {5, 8}, {1, 3}}) {
      int h = size[0];
      int w = size[1];
      double[] plane = new Random(SEED).doubles((long) h * w, -1, 1).toArray();
      double[] fast = new Dct2(h, w).forward(plane);
      double[] direct = direct(plane, h, w);
      for (int i = 0; i < fast.length; i++) {
        assertThat(fast[i])
            .as("%d×%d index %d, seed %d", h, w, i, SEED)
            .isCloseTo(direct[i], within(1e-9));
      }
    }
  }

  @Test
  void shouldKeepOnlyTheDcCoefficientWhenThePlaneIsConstant() {
    double[] plane = new double[32 * 32];
    Arrays.fill(plane, 0.25);
    double[] coefficients = new Dct2(32, 32).forward(plane);
    // Orthonormal: DC = 0.25 · √(H·W) = 0.25 · 32.
    assertThat(coefficients[0]).isCloseTo(8.0, within(1e-12));
    for (int i = 1; i < coefficients.length; i++) {
      assertThat(coefficients[i]).as("index %d", i).isCloseTo(0.0, within(1e-12));
    }
  }

  private static double[] direct(double[] x, int h, int w) {
    double[] out = new double[h * w];
    for (int u = 0; u < h; u++) {
      for (int v = 0; v < w; v++) {
        double sum = 0;
        for (int y = 0; y < h; y++) {
          for (int c = 0; c < w; c++) {
            sum +=
                x[y * w + c]
                    * Math.cos(Math.PI * (2 * y + 1) * u / (2.0 * h))
                    * Math.cos(Math.PI * (2 * c + 1) * v / (2.0 * w));
          }
        }
        double au = Math.sqrt((u == 0 ? 1.0 : 2.0) / h);
        double av = Math.sqrt((v == 0 ? 1.0 : 2.0) / w);
        out[u * w + v] = au * av * sum;
      }
    }
    return out;
  }
}
