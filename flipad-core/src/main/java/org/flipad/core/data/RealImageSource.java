package org.flipad.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Real images drawn without replacement from a fixed pool (e.g. the Fashion-MNIST training set for
 * training, its test set for testing, so no real image is both trained and tested on).
 */
public final class RealImageSource implements ImageSource {

  private final String name;
  private final List<Image8> pool;

  /**
   * @param name the source's name in reports
   * @param pool the images to draw from, ≥ 1
   */
  public RealImageSource(String name, List<Image8> pool) {
    if (pool.isEmpty()) {
      throw new IllegalArgumentException("Real image source '" + name + "' has no images.");
    }
    this.name = name;
    this.pool = List.copyOf(pool);
  }

  @Override
  public String name() {
    return name;
  }

  /** The pool size. */
  public int size() {
    return pool.size();
  }

  /**
   * A seeded partial Fisher–Yates shuffle: {@code count} distinct images.
   *
   * @throws IllegalArgumentException when {@code count} exceeds the pool
   */
  @Override
  public List<Image8> draw(int count, long seed) {
    if (count > pool.size()) {
      throw new IllegalArgumentException(
          String.format(
              "Source '%s' has %d images but %d were asked for. Lower the sample counts or"
                  + " install the full Fashion-MNIST (apt-get install dataset-fashion-mnist).",
              name, pool.size(), count));
    }
    int[] order = new int[pool.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Image8> drawn = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(order.length - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
      drawn.add(pool.get(order[i]));
    }
    return drawn;
  }
}
