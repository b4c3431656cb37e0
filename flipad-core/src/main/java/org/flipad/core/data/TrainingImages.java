package org.flipad.core.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A training set held compactly as 8-bit pixels (Fashion-MNIST's 60,000 × 784 bytes take 47 MB),
 * handed out as shuffled mini-batches of model inputs.
 *
 * <p>Each epoch visits the images in a permutation drawn by a Fisher–Yates shuffle from a {@link
 * SplittableRandom} seeded from {@code (seed, epoch)}: the same seed and epoch give the same
 * batches on every run and machine, and any epoch can be produced directly (to resume training).
 * Batches are {@code [B, C, H, W]} float32 in [−1, 1], converted with {@link
 * PixelScaling#toUnitRangeFloat}. An epoch has {@code ⌊N / B⌋} batches; the last {@code N mod B}
 * images of its permutation are left out (a different set each epoch), so every batch has exactly B
 * images, as batch-norm training expects.
 *
 * <p>Immutable and thread-safe; each {@link Epoch} is used by one thread.
 */
public final class TrainingImages {
  private final byte[] pixels;
  private final int count;
  private final int channels;
  private final int height;
  private final int width;

  private TrainingImages(byte[] pixels, int count, Image8 shape) {
    this.pixels = pixels;
    this.count = count;
    this.channels = shape.channels();
    this.height = shape.height();
    this.width = shape.width();
  }

  /**
   * Copies the images into one byte array.
   *
   * @param images at least one image, all of the same {@code [C, H, W]}
   * @return the training set
   * @throws IllegalArgumentException when the list is empty, the shapes differ, or the pixels
   *     exceed one Java array (about 2 GiB)
   */
  public static TrainingImages of(List<Image8> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException(
          "No training images; expected at least one. Check the dataset path.");
    }
    Image8.requireSameShape(images, "Training image");
    Image8 first = images.get(0);
    int size = first.pixels().length;
    checkFits(images.size(), size);
    byte[] pixels = new byte[images.size() * size];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i).pixels(), 0, pixels, i * size, size);
    }
    return new TrainingImages(pixels, images.size(), first);
  }

  /** Number of images, N. */
  public int size() {
    return count;
  }

  /** Channels per image, C. */
  public int channels() {
    return channels;
  }

  /** Rows per image, H. */
  public int height() {
    return height;
  }

  /** Columns per image, W. */
  public int width() {
    return width;
  }

  /** Values per image, C·H·W. */
  public int imageSize() {
    return channels * height * width;
  }

  /**
   * Batches per epoch, {@code ⌊N / batchSize⌋}; the incomplete last batch is dropped.
   *
   * @param batchSize B, 1 to N
   * @return at least 1
   * @throws IllegalArgumentException when {@code batchSize} is outside 1..N
   */
  public int batchesPerEpoch(int batchSize) {
    if (batchSize < 1 || batchSize > count) {
      throw new IllegalArgumentException(
          "Batch size "
              + batchSize
              + " does not fit "
              + count
              + " training images; expected 1 to "
              + count
              + " so that an epoch has at least one full batch. Lower the batch size.");
    }
    return count / batchSize;
  }

  /**
   * The order in which an epoch visits the images.
   *
   * @param seed the training seed
   * @param epoch the epoch number, from 0
   * @return a permutation of 0..N−1
   */
  public int[] permutation(long seed, int epoch) {
    SplittableRandom random = new SplittableRandom(epochSeed(seed, epoch));
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /**
   * The mini-batches of one epoch.
   *
   * @param seed the training seed
   * @param epoch the epoch number, from 0
   * @param batchSize B, 1 to N
   * @return {@link #batchesPerEpoch} batches of {@code [B, C, H, W]} float32 in [−1, 1]
   * @throws IllegalArgumentException when {@code batchSize} is outside 1..N
   */
  public Epoch epoch(long seed, int epoch, int batchSize) {
    int batches = batchesPerEpoch(batchSize);
    return new Epoch(permutation(seed, epoch), batchSize, batches);
  }

  /** The batches of one epoch, in order; not thread-safe. */
  public final class Epoch implements Iterator<float[]> {
    private final int[] order;
    private final int batchSize;
    private final int batches;
    private int next;

    private Epoch(int[] order, int batchSize, int batches) {
      this.order = order;
      this.batchSize = batchSize;
      this.batches = batches;
    }

    /** Batches in this epoch, {@code ⌊N / B⌋}. */
    public int batchCount() {
      return batches;
    }

    /** Batch size B. */
    public int batchSize() {
      return batchSize;
    }

    @Override
    public boolean hasNext() {
      return next < batches;
    }

    /**
     * The next batch.
     *
     * @return {@code [B, C, H, W]} float32 in [−1, 1], C order; a new array each call
     * @throws NoSuchElementException after the last batch
     */
    @Override
    public float[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException(
            "All " + batches + " batches of this epoch were read. Check hasNext() first.");
      }
      int size = imageSize();
      byte[] batch = new byte[batchSize * size];
      for (int b = 0; b < batchSize; b++) {
        System.arraycopy(pixels, order[next * batchSize + b] * size, batch, b * size, size);
      }
      next++;
      return PixelScaling.toUnitRangeFloat(batch);
    }
  }

  /**
   * A well-mixed seed per (seed, epoch). Seeding with {@code seed + epoch} directly would make
   * epoch k + 1 replay epoch k's random stream shifted by one draw, since SplittableRandom's state
   * advances additively; both values are passed through its mixing function instead.
   */
  private static long epochSeed(long seed, int epoch) {
    long base = new SplittableRandom(seed).nextLong();
    return new SplittableRandom(base + epoch).nextLong();
  }

  private static void checkFits(int count, int size) {
    if ((long) count * size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          count
              + " images of "
              + size
              + " bytes are "
              + (long) count * size
              + " bytes; one Java array holds at most "
              + (Integer.MAX_VALUE - 8)
              + ". Train on a subset or at a smaller size.");
    }
  }
}
