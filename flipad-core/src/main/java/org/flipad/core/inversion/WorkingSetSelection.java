package org.flipad.core.inversion;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/** Picks the coordinates with the smallest priorities, in linear time (quickselect). */
final class WorkingSetSelection {

  private WorkingSetSelection() {}

  /**
   * Returns, in ascending index order, the coordinates with the {@code size} smallest finite
   * priorities plus every coordinate of priority −∞; coordinates of priority +∞ are never chosen.
   */
  static int[] select(IntToDoubleFunction priority, int count, int size) {
    double[] values = new double[count];
    int candidates = 0;
    int forced = 0;
    for (int j = 0; j < count; j++) {
      values[j] = priority.applyAsDouble(j);
      if (values[j] != Double.POSITIVE_INFINITY) {
        candidates++;
      }
      if (values[j] == Double.NEGATIVE_INFINITY) {
        forced++;
      }
    }
    int wanted = Math.min(candidates, Math.max(size, forced));
    if (wanted == 0) {
      return new int[0];
    }
    double threshold = kthSmallest(finiteCopy(values, candidates), wanted - 1);
    return collect(values, threshold, wanted);
  }

  private static double[] finiteCopy(double[] values, int candidates) {
    double[] copy = new double[candidates];
    int n = 0;
    for (double v : values) {
      if (v != Double.POSITIVE_INFINITY) {
        copy[n++] = v;
      }
    }
    return copy;
  }

  private static int[] collect(double[] values, double threshold, int wanted) {
    int[] chosen = new int[wanted];
    int n = 0;
    // Strictly smaller first, then ties, so that ties at the threshold never overflow the set.
    for (int j = 0; j < values.length && n < wanted; j++) {
      if (values[j] < threshold) {
        chosen[n++] = j;
      }
    }
    for (int j = 0; j < values.length && n < wanted; j++) {
      if (values[j] == threshold) {
        chosen[n++] = j;
      }
    }
    Arrays.sort(chosen, 0, n);
    return n == wanted ? chosen : Arrays.copyOf(chosen, n);
  }

  /** The k-th smallest value (0-based) of {@code a}, which is reordered. */
  static double kthSmallest(double[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      double pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i++] = a[j];
          a[j--] = t;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static double medianOfThree(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
