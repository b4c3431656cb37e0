package org.flipad.core.attribution;

import java.util.List;

/**
 * Splits a number of negative images over weighted sources: source i gets ⌊total·wᵢ/Σw⌋, and the
 * images left over go one each to the sources with the largest remainders (ties to the earlier
 * source), so the counts always add up to {@code total} and depend only on the weights.
 */
public final class NegativeAllocation {

  private NegativeAllocation() {}

  /**
   * @param weights one weight per source, each &gt; 0, at least one
   * @param total images to split, ≥ 0
   * @return one count per source, summing to {@code total}
   */
  public static int[] counts(List<Double> weights, int total) {
    if (weights.isEmpty()) {
      throw new IllegalArgumentException(
          "No negative sources were given; a detector needs at least one (real images or another"
              + " generator).");
    }
    double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
    int[] counts = new int[weights.size()];
    double[] remainders = new double[weights.size()];
    int given = 0;
    for (int i = 0; i < counts.length; i++) {
      double exact = total * weights.get(i) / sum;
      counts[i] = (int) Math.floor(exact);
      remainders[i] = exact - counts[i];
      given += counts[i];
    }
    while (given < total) {
      int best = 0;
      for (int i = 1; i < counts.length; i++) {
        if (remainders[i] > remainders[best]) {
          best = i;
        }
      }
      counts[best]++;
      remainders[best] = -1;
      given++;
    }
    return counts;
  }
}
