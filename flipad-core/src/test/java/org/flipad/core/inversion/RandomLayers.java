package org.flipad.core.inversion;

import java.util.SplittableRandom;

/** Random final layers and direct-loop reference implementations for tests. */
final class RandomLayers {

  private RandomLayers() {}

  static float[] gaussian(SplittableRandom random, int n, double std) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (std * gaussian(random));
    }
    return values;
  }

  static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  static double[] gaussianDoubles(SplittableRandom random, int n, double std) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = std * gaussian(random);
    }
    return values;
  }

  static ConvTransposeLayer convTranspose(
      SplittableRandom random, TensorShape in, int outChannels, ConvGeometry g, boolean bias) {
    int k = g.kernel();
    return new ConvTransposeLayer(
        in,
        outChannels,
        g,
        gaussian(random, in.channels() * outChannels * k * k, 0.02),
        bias ? gaussian(random, outChannels, 0.1) : null);
  }

  static ConvLayer conv(
      SplittableRandom random, TensorShape in, int outChannels, ConvGeometry g, boolean bias) {
    int k = g.kernel();
    return new ConvLayer(
        in,
        outChannels,
        g,
        gaussian(random, in.channels() * outChannels * k * k, 0.02),
        bias ? gaussian(random, outChannels, 0.1) : null);
  }

  static DenseLayer dense(SplittableRandom random, int inputs, int outputs, boolean bias) {
    return new DenseLayer(
        inputs,
        outputs,
        gaussian(random, inputs * outputs, 0.1),
        bias ? gaussian(random, outputs, 0.1) : null);
  }

  /** ConvTranspose2d by its defining sum, without bias. */
  static double[] directTransposed(ConvTransposeLayer layer, double[] a) {
    TensorShape in = layer.inputShape();
    TensorShape out = layer.outputShape();
    int k = layer.geometry().kernel();
    int s = layer.geometry().stride();
    int p = layer.geometry().padding();
    double[] result = new double[out.size()];
    for (int c = 0; c < in.channels(); c++) {
      for (int i = 0; i < in.height(); i++) {
        for (int j = 0; j < in.width(); j++) {
          for (int o = 0; o < out.channels(); o++) {
            for (int u = 0; u < k; u++) {
              for (int v = 0; v < k; v++) {
                int y = i * s - p + u;
                int x = j * s - p + v;
                if (y >= 0 && y < out.height() && x >= 0 && x < out.width()) {
                  result[out.index(o, y, x)] +=
                      a[in.index(c, i, j)]
                          * layer.weight()[((c * out.channels() + o) * k + u) * k + v];
                }
              }
            }
          }
        }
      }
    }
    return result;
  }

  /** Conv2d by its defining sum, without bias. */
  static double[] directConv(ConvLayer layer, double[] a) {
    TensorShape in = layer.inputShape();
    TensorShape out = layer.outputShape();
    int k = layer.geometry().kernel();
    int s = layer.geometry().stride();
    int p = layer.geometry().padding();
    double[] result = new double[out.size()];
    for (int o = 0; o < out.channels(); o++) {
      for (int y = 0; y < out.height(); y++) {
        for (int x = 0; x < out.width(); x++) {
          double sum = 0;
          for (int c = 0; c < in.channels(); c++) {
            for (int u = 0; u < k; u++) {
              for (int v = 0; v < k; v++) {
                int i = y * s - p + u;
                int j = x * s - p + v;
                if (i >= 0 && i < in.height() && j >= 0 && j < in.width()) {
                  sum +=
                      a[in.index(c, i, j)]
                          * layer.weight()[((o * in.channels() + c) * k + u) * k + v];
                }
              }
            }
          }
          result[out.index(o, y, x)] = sum;
        }
      }
    }
    return result;
  }
}
