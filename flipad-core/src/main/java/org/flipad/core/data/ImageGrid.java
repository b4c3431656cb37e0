package org.flipad.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tiles images of one shape into a {@code rows × cols} grid separated by a border, for sample-grid
 * PNGs (write the result with {@link PngWriter}).
 *
 * <p>Geometry as torchvision's {@code make_grid(padding=border, pad_value=borderValue)}: the grid
 * is {@code rows·(H + border) + border} pixels high and {@code cols·(W + border) + border} wide;
 * image {@code i} goes to row {@code i / cols}, column {@code i % cols}, with its top-left pixel at
 * {@code (border + row·(H + border), border + column·(W + border))}. Border and unused cells have
 * the value {@code borderValue} in every channel.
 *
 * @param rows grid rows, ≥ 1
 * @param cols grid columns, ≥ 1
 * @param border pixels between and around the images, ≥ 0 (default 2)
 * @param borderValue the border's 8-bit value 0..255 (default 0, black)
 */
public record ImageGrid(int rows, int cols, int border, int borderValue) {
  /** The default border width in pixels. */
  public static final int DEFAULT_BORDER = 2;

  /** Validates the layout. */
  public ImageGrid {
    if (rows < 1 || cols < 1 || border < 0 || borderValue < 0 || borderValue > 255) {
      throw new IllegalArgumentException(
          "Grid of "
              + rows
              + "×"
              + cols
              + " cells with border "
              + border
              + " px of value "
              + borderValue
              + "; expected rows and cols ≥ 1, border ≥ 0 and a value 0..255.");
    }
  }

  /** A grid with the default 2-pixel black border. */
  public static ImageGrid of(int rows, int cols) {
    return new ImageGrid(rows, cols, DEFAULT_BORDER, 0);
  }

  /** The smallest grid with {@code cols} columns that holds {@code count} images. */
  public static ImageGrid forCount(int count, int cols) {
    return of(Math.max(1, (count + cols - 1) / Math.max(1, cols)), cols);
  }

  /** A copy with another border width. */
  public ImageGrid withBorder(int pixels) {
    return new ImageGrid(rows, cols, pixels, borderValue);
  }

  /** A copy with another border value. */
  public ImageGrid withBorderValue(int value) {
    return new ImageGrid(rows, cols, border, value);
  }

  /**
   * Tiles the images row by row.
   *
   * @param images 1 to {@code rows × cols} images, all of the same {@code [C, H, W]}
   * @return one {@code [C, rows·(H + border) + border, cols·(W + border) + border]} image
   * @throws IllegalArgumentException when there are no images, too many, or their shapes differ
   */
  public Image8 tile(List<Image8> images) {
    checkCount(images.size());
    Image8.requireSameShape(images, "Grid image");
    Image8 first = images.get(0);
    int h = rows * (first.height() + border) + border;
    int w = cols * (first.width() + border) + border;
    byte[] out = new byte[first.channels() * h * w];
    Arrays.fill(out, (byte) borderValue);
    Image8 grid = new Image8(first.channels(), h, w, out);
    for (int i = 0; i < images.size(); i++) {
      int top = border + (i / cols) * (first.height() + border);
      int left = border + (i % cols) * (first.width() + border);
      place(images.get(i), grid, top, left);
    }
    return grid;
  }

  /**
   * Splits a batch of model outputs into images with {@link Image8#fromUnitRange}.
   *
   * @param batch {@code [N, C, H, W]} float32 in [−1, 1], C order
   * @param channels C, 1 or 3
   * @param height H
   * @param width W
   * @return N images in batch order
   * @throws IllegalArgumentException when the length is not a positive multiple of C·H·W, or a
   *     value is NaN
   */
  public static List<Image8> fromUnitRange(float[] batch, int channels, int height, int width) {
    int size = channels * height * width;
    if (size < 1 || batch.length == 0 || batch.length % size != 0) {
      throw new IllegalArgumentException(
          "Batch has "
              + batch.length
              + " values; expected N × "
              + channels
              + "×"
              + height
              + "×"
              + width
              + " = N × "
              + size
              + " with N ≥ 1. Pass the generator output with its image shape.");
    }
    byte[] pixels = PixelScaling.fromUnitRange(batch);
    List<Image8> images = new ArrayList<>(batch.length / size);
    for (int from = 0; from < pixels.length; from += size) {
      images.add(
          new Image8(channels, height, width, Arrays.copyOfRange(pixels, from, from + size)));
    }
    return images;
  }

  private void checkCount(int count) {
    if (count < 1 || count > rows * cols) {
      throw new IllegalArgumentException(
          "Cannot tile "
              + count
              + " images into "
              + rows
              + "×"
              + cols
              + " cells; expected 1 to "
              + rows * cols
              + ". Pass fewer images or a larger grid (ImageGrid.forCount).");
    }
  }

  /** Copies {@code image} into {@code grid}'s pixels with its top-left pixel at (top, left). */
  private static void place(Image8 image, Image8 grid, int top, int left) {
    int ih = image.height();
    int iw = image.width();
    for (int c = 0; c < image.channels(); c++) {
      for (int y = 0; y < ih; y++) {
        int to = (c * grid.height() + top + y) * grid.width() + left;
        System.arraycopy(image.pixels(), (c * ih + y) * iw, grid.pixels(), to, iw);
      }
    }
  }
}
