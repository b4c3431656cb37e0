package org.flipad.core.data;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A stream of the images of one IDX image file, read one at a time; memory use is one image plus a
 * 64 KiB buffer. Obtain it from {@link IdxReader#openImages(Path)} and close it when done.
 *
 * <p>Each image is an {@link Image8} of shape {@code [1, H, W]} (gray). {@link #next()} wraps read
 * failures in an {@link UncheckedIOException}; {@link #readNext()} throws them checked. Not thread
 * safe.
 */
public final class IdxImages implements Iterator<Image8>, Closeable {
  private final String source;
  private final DataInputStream in;
  private final int count;
  private final int height;
  private final int width;
  private int read;

  IdxImages(String source, DataInputStream in, int count, int height, int width) {
    this.source = source;
    this.in = in;
    this.count = count;
    this.height = height;
    this.width = width;
  }

  /** Number of images in the file, N. */
  public int count() {
    return count;
  }

  /** Rows per image, H. */
  public int height() {
    return height;
  }

  /** Columns per image, W. */
  public int width() {
    return width;
  }

  /** Images read so far. */
  public int position() {
    return read;
  }

  @Override
  public boolean hasNext() {
    return read < count;
  }

  /**
   * Reads the next image.
   *
   * @return a {@code [1, H, W]} image
   * @throws NoSuchElementException when all images were read
   * @throws UncheckedIOException wrapping an {@link IdxFormatException} when the file is truncated
   */
  @Override
  public Image8 next() {
    try {
      return readNext();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /**
   * Reads the next image.
   *
   * @return a {@code [1, H, W]} image
   * @throws NoSuchElementException when all images were read
   * @throws IdxFormatException when the file ends inside the image
   * @throws IOException when the file cannot be read or the gzip stream is corrupt
   */
  public Image8 readNext() throws IOException {
    if (!hasNext()) {
      throw new NoSuchElementException(
          "All " + count + " images of " + source + " were read. Check hasNext() first.");
    }
    byte[] pixels = new byte[height * width];
    try {
      in.readFully(pixels);
    } catch (EOFException e) {
      throw new IdxFormatException(
          source
              + " ended inside image "
              + read
              + " of "
              + count
              + " ("
              + height
              + "×"
              + width
              + " bytes each); the file is truncated. Download it again.",
          e);
    } catch (IOException e) {
      throw new IOException("Reading image " + read + " of " + source + " failed: " + e, e);
    }
    read++;
    return new Image8(1, height, width, pixels);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
