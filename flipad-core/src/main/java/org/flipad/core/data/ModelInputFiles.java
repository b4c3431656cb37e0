package org.flipad.core.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Image files read in order as model inputs: PNG/JPEG files and IDX image files (plain or gzipped),
 * counted and size-checked up front from headers, then read, checked and scaled one at a time.
 *
 * <p>Formats are told apart by magic bytes: PNG and JPEG as {@link EncodedImageFormat} sniffs them;
 * IDX by the gzip magic {@code 1F 8B}, the IDX image magic {@code 00 00 08 03} or a name containing
 * "idx". Anything else goes to {@link ImageFiles}, which refuses it as UNSUPPORTED_FORMAT. At most
 * one IDX file is open at a time; memory does not grow with the number of images.
 *
 * <p>Not thread-safe: one reader at a time.
 */
public final class ModelInputFiles implements AutoCloseable {

  /** One input file and how many of its images are used. */
  private record Source(Path file, boolean idx, int count) {}

  private final List<Source> sources;
  private final ModelInputFormat format;
  private final ImageFiles decoder;
  private final long total;
  private int sourceIndex;
  private int readInSource;
  private IdxImages openIdx;

  private ModelInputFiles(List<Source> sources, ModelInputFormat format, ImageFiles decoder) {
    this.sources = sources;
    this.format = format;
    this.decoder = decoder;
    this.total = sources.stream().mapToLong(Source::count).sum();
  }

  /**
   * Counts the images and checks every header against the layer's image size.
   *
   * @param files PNG, JPEG and IDX files, in order
   * @param format the layout images must have
   * @param decoder decoder with its safety limits
   * @param limit use only the first {@code limit} images (positive; {@link Long#MAX_VALUE} for all)
   * @return the inputs, positioned before the first image; close them when done
   * @throws IllegalArgumentException when an image has the wrong size
   * @throws ImageRejection when a PNG/JPEG header is refused (its message names the file)
   * @throws IOException when a file is missing or an IDX header is invalid
   */
  public static ModelInputFiles scan(
      List<Path> files, ModelInputFormat format, ImageFiles decoder, long limit)
      throws IOException {
    List<Source> sources = new ArrayList<>();
    long remaining = limit;
    for (int i = 0; i < files.size() && remaining > 0; i++) {
      Source source = scanOne(files.get(i), format, decoder);
      int used = (int) Math.min(source.count(), remaining);
      sources.add(new Source(source.file(), source.idx(), used));
      remaining -= used;
    }
    return new ModelInputFiles(sources, format, decoder);
  }

  private static Source scanOne(Path file, ModelInputFormat format, ImageFiles decoder)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException(
          "Image file " + file + " does not exist or is not a file. Check the IMAGES arguments.");
    }
    if (isIdx(file)) {
      try (IdxImages images = IdxReader.openImages(file)) {
        format.requireSize(file + " (IDX)", images.width(), images.height());
        return new Source(file, true, images.count());
      }
    }
    ImageHeader header = withFileName(file, () -> decoder.probe(Files.readAllBytes(file)));
    format.requireSize(file + " (" + header.format() + ")", header.width(), header.height());
    return new Source(file, false, 1);
  }

  private static boolean isIdx(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(8);
    }
    if (EncodedImageFormat.sniff(head).isPresent()) {
      return false;
    }
    boolean gzip = head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
    boolean idxMagic = head.length >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0x08;
    return gzip || idxMagic || file.getFileName().toString().toLowerCase().contains("idx");
  }

  /** Images that will be read, after the limit. */
  public long total() {
    return total;
  }

  /** Whether another image remains. */
  public boolean hasNext() {
    while (sourceIndex < sources.size() && readInSource == sources.get(sourceIndex).count()) {
      sourceIndex++;
      readInSource = 0;
    }
    return sourceIndex < sources.size();
  }

  /**
   * Reads, checks and scales the next image (see {@link ModelInputFormat#toModelInput}).
   *
   * @return the image with its file and IDX index
   * @throws IllegalStateException when no image remains
   * @throws ImageRejection when a PNG/JPEG cannot be decoded (its message names the file)
   * @throws IOException when a file cannot be read
   */
  public ModelInput next() throws IOException {
    if (!hasNext()) {
      throw new IllegalStateException("All " + total + " images were read; check hasNext().");
    }
    Source source = sources.get(sourceIndex);
    Image8 image = source.idx() ? nextFromIdx(source) : readImageFile(source.file());
    format.requireSize(source.file().toString(), image.width(), image.height());
    int index = source.idx() ? readInSource : -1;
    readInSource++;
    return new ModelInput(source.file(), index, format.toModelInput(image));
  }

  private Image8 nextFromIdx(Source source) throws IOException {
    if (readInSource == 0) {
      closeIdx();
      openIdx = IdxReader.openImages(source.file());
    }
    Image8 image = openIdx.readNext();
    if (readInSource + 1 == source.count()) {
      closeIdx();
    }
    return image;
  }

  private Image8 readImageFile(Path file) throws IOException {
    return withFileName(file, () -> decoder.read(file, format.mode()));
  }

  /** Work that may throw an {@link ImageRejection} whose message lacks the file name. */
  private interface Decoding<T> {
    T run() throws IOException;
  }

  private static <T> T withFileName(Path file, Decoding<T> decoding) throws IOException {
    try {
      return decoding.run();
    } catch (ImageRejection e) {
      throw e.inFile(file);
    }
  }

  private void closeIdx() throws IOException {
    if (openIdx != null) {
      openIdx.close();
      openIdx = null;
    }
  }

  /** Closes the IDX file being read, if any. */
  @Override
  public void close() throws IOException {
    closeIdx();
  }
}
