package org.flipad.core.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The PNG and JPEG images of one folder, such as real images prepared as negatives, read in a fixed
 * order with the safe decoder {@link ImageFiles}.
 *
 * <p>Listing: the regular files directly in the folder whose names end in {@code .png}, {@code
 * .jpg} or {@code .jpeg} (any case), not hidden (name starting with "."), sorted by file name in
 * {@link String#compareTo} order (so {@code img10.png} comes before {@code img2.png}) for the same
 * order on every machine. Other files are ignored. Subfolders are <em>not</em> searched and no
 * recursive mode is offered: folders of negatives are flat, and a subfolder more often holds
 * another class or earlier outputs than more of the same images; to combine folders, open each. The
 * extension only selects files; {@link ImageFiles} recognises the format by magic bytes.
 *
 * <p>Unreadable files (corrupt, truncated, over the decode limits, not really PNG/JPEG, or not
 * readable from disk) stop the read with an error naming the file by default ({@link
 * OnUnreadable#FAIL}): a set of negatives that silently shrinks biases the detector without anyone
 * noticing. {@link OnUnreadable#SKIP} instead leaves them out and lists each with its problem in
 * {@link Contents#skipped()}, for scraped folders where a few broken files are expected; it still
 * fails when no file at all could be read.
 *
 * <p>Images keep their own size and channels as requested; nothing is resized or shape-checked
 * here. All images are held in memory; for large folders read {@link #files()} one at a time.
 */
public final class ImageFolder {
  /** What to do with a file that cannot be decoded or read. */
  public enum OnUnreadable {
    /** Throw, naming the file (the default choice). */
    FAIL,
    /** Leave the file out and report it in {@link Contents#skipped()}. */
    SKIP
  }

  /**
   * A file left out under {@link OnUnreadable#SKIP}.
   *
   * @param file the file
   * @param problem why it could not be read (the decoder's or file system's message)
   */
  public record Skipped(Path file, String problem) {}

  /**
   * The images read from a folder.
   *
   * @param files the files read, in order; {@code files.get(i)} holds {@code images.get(i)}
   * @param images the decoded images, {@code [mode.channels(), H, W]} each
   * @param skipped files left out, in listing order; empty under {@link OnUnreadable#FAIL}
   */
  public record Contents(List<Path> files, List<Image8> images, List<Skipped> skipped) {
    /** Copies the lists. */
    public Contents {
      files = List.copyOf(files);
      images = List.copyOf(images);
      skipped = List.copyOf(skipped);
    }
  }

  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

  private final Path directory;
  private final List<Path> files;

  private ImageFolder(Path directory, List<Path> files) {
    this.directory = directory;
    this.files = files;
  }

  /**
   * Lists the images of a folder; nothing is decoded yet.
   *
   * @param directory the folder (not searched recursively)
   * @return the folder with its image files in name order
   * @throws FileNotFoundException when the folder does not exist or holds no PNG/JPEG file
   * @throws IOException when the folder cannot be listed
   */
  public static ImageFolder open(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new FileNotFoundException(
          "Image folder " + directory + " does not exist or is not a directory. Pass a folder.");
    }
    List<Path> files;
    try (Stream<Path> entries = Files.list(directory)) {
      files =
          entries
              .filter(ImageFolder::isImageFile)
              .sorted(Comparator.comparing(f -> f.getFileName().toString()))
              .toList();
    }
    if (files.isEmpty()) {
      throw new FileNotFoundException(
          "Image folder "
              + directory
              + " holds no .png, .jpg or .jpeg file (subfolders are not searched);"
              + " expected at least one image. Put the images directly in it or pass another"
              + " folder.");
    }
    return new ImageFolder(directory, files);
  }

  /** The folder. */
  public Path directory() {
    return directory;
  }

  /** The image files, in name order; at least one. */
  public List<Path> files() {
    return files;
  }

  /**
   * Decodes every listed file.
   *
   * @param decoder the safe decoder with its limits
   * @param mode the channel layout wanted
   * @param onUnreadable whether an unreadable file stops the read or is skipped and reported
   * @return the images in file order, and the skipped files
   * @throws ImageRejection under {@link OnUnreadable#FAIL} when a file is refused; the message
   *     starts with the file
   * @throws IOException under {@link OnUnreadable#FAIL} when a file cannot be read, or under {@link
   *     OnUnreadable#SKIP} when none could be read
   */
  public Contents read(ImageFiles decoder, ColorMode mode, OnUnreadable onUnreadable)
      throws IOException {
    List<Path> read = new ArrayList<>();
    List<Image8> images = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Path file : files) {
      try {
        images.add(readOne(decoder, file, mode));
        read.add(file);
      } catch (ImageRejection | IOException e) {
        if (onUnreadable == OnUnreadable.FAIL) {
          throw e;
        }
        skipped.add(new Skipped(file, e.getMessage()));
      }
    }
    if (images.isEmpty()) {
      throw noneReadable(skipped);
    }
    return new Contents(read, images, skipped);
  }

  private static Image8 readOne(ImageFiles decoder, Path file, ColorMode mode) throws IOException {
    try {
      return decoder.read(file, mode);
    } catch (ImageRejection e) {
      throw e.inFile(file);
    } catch (IOException e) {
      throw new IOException(
          "Image file " + file + " could not be read (" + e + "). Check that it is readable.", e);
    }
  }

  private IOException noneReadable(List<Skipped> skipped) {
    return new IOException(
        "None of the "
            + skipped.size()
            + " image files in "
            + directory
            + " could be read; the first problem: "
            + skipped.get(0).problem()
            + " Check the folder or the decode limits.");
  }

  private static boolean isImageFile(Path path) {
    String name = path.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return !name.startsWith(".")
        && EXTENSIONS.stream().anyMatch(lower::endsWith)
        && Files.isRegularFile(path);
  }
}
