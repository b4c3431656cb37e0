package org.flipad.core.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Fashion-MNIST dataset (Zalando, MIT licence): 28 × 28 gray images of ten clothing classes,
 * 60,000 for training and 10,000 for testing, as gzipped IDX files.
 *
 * <p>{@link #testSubset()} reads the first 2,000 test images (t10k indices 0–1999) shipped in this
 * jar, so tests and demos run without the full dataset; {@code fashion-mnist/PROVENANCE.md} beside
 * them records their source, licence and digests. {@link #locate(Path)} finds the full dataset in a
 * directory, by default the one of the Debian package {@code dataset-fashion-mnist} ({@value
 * #DEBIAN_DIRECTORY}); {@link #check(Path)} says whether it is there without throwing.
 *
 * <p>Labels are class indices 0..9, named by {@link #CLASS_NAMES}. Images are {@code [1, 28, 28]}.
 */
public final class FashionMnist {
  /** Where the Debian package {@code dataset-fashion-mnist} installs the four files. */
  public static final String DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist";

  /**
   * The four files a Fashion-MNIST directory holds: train images and labels, test images and
   * labels.
   */
  public static final List<String> FILE_NAMES =
      List.of(
          "train-images-idx3-ubyte.gz",
          "train-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz",
          "t10k-labels-idx1-ubyte.gz");

  /** The class names of labels 0..9. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /** Number of images in {@link #testSubset()}. */
  public static final int SUBSET_SIZE = 2000;

  private static final String SUBSET_IMAGES = "fashion-mnist/t10k-2000-images-idx3-ubyte.gz";
  private static final String SUBSET_LABELS = "fashion-mnist/t10k-2000-labels-idx1-ubyte.gz";

  /**
   * Whether a directory holds the four Fashion-MNIST files.
   *
   * @param directory the directory searched
   * @param missing the expected files that are not regular files there, in {@link #FILE_NAMES}
   *     order; empty when the dataset is available
   */
  public record Availability(Path directory, List<Path> missing) {
    /** Copies the list. */
    public Availability {
      missing = List.copyOf(missing);
    }

    /** Whether all four files are present. */
    public boolean available() {
      return missing.isEmpty();
    }

    /**
     * What is missing and how to get it, or that the dataset is available; suitable as a test's
     * skip reason.
     */
    public String message() {
      if (available()) {
        return "Fashion-MNIST is available in " + directory + ".";
      }
      return "Fashion-MNIST file "
          + missing.get(0)
          + " was not found"
          + (missing.size() > 1 ? " (nor " + (missing.size() - 1) + " more: " + rest() + ")" : "")
          + "; expected "
          + String.join(", ", FILE_NAMES)
          + " in "
          + directory
          + ". Install them with `apt-get update && apt-get install -y dataset-fashion-mnist`"
          + " (they go to "
          + DEBIAN_DIRECTORY
          + "), or pass the directory that holds the four .gz files.";
    }

    private String rest() {
      return String.join(
          ", ", missing.subList(1, missing.size()).stream().map(Path::toString).toList());
    }
  }

  private final Path directory;

  private FashionMnist(Path directory) {
    this.directory = directory;
  }

  /**
   * Checks for the four files without throwing.
   *
   * @param directoryOrNull the directory holding them; {@code null} for {@value #DEBIAN_DIRECTORY}
   * @return which files are missing, with a message saying how to get them
   */
  public static Availability check(Path directoryOrNull) {
    Path dir = directoryOrNull == null ? Path.of(DEBIAN_DIRECTORY) : directoryOrNull;
    List<Path> missing =
        FILE_NAMES.stream().map(dir::resolve).filter(f -> !Files.isRegularFile(f)).toList();
    return new Availability(dir, missing);
  }

  /**
   * Finds the full dataset; nothing is read yet.
   *
   * @param directoryOrNull the directory holding the four files of {@link #FILE_NAMES}; {@code
   *     null} for {@value #DEBIAN_DIRECTORY}
   * @return the dataset in that directory
   * @throws FileNotFoundException when a file is missing; the message names it, the directory, and
   *     how to install the dataset
   */
  public static FashionMnist locate(Path directoryOrNull) throws FileNotFoundException {
    Availability availability = check(directoryOrNull);
    if (!availability.available()) {
      throw new FileNotFoundException(availability.message());
    }
    return new FashionMnist(availability.directory());
  }

  /** The directory the files are read from. */
  public Path directory() {
    return directory;
  }

  /**
   * Reads the 60,000 training images (about 47 MB of pixels) and their labels.
   *
   * @return images {@code [1, 28, 28]} and labels 0..9, in file order
   * @throws IdxFormatException when a file is corrupt or the counts disagree
   * @throws IOException when a file cannot be read
   */
  public LabelledImages train() throws IOException {
    return read(FILE_NAMES.get(0), FILE_NAMES.get(1));
  }

  /**
   * Reads the 10,000 test images and their labels.
   *
   * @return images {@code [1, 28, 28]} and labels 0..9, in file order
   * @throws IdxFormatException when a file is corrupt or the counts disagree
   * @throws IOException when a file cannot be read
   */
  public LabelledImages test() throws IOException {
    return read(FILE_NAMES.get(2), FILE_NAMES.get(3));
  }

  /**
   * Reads the first {@value #SUBSET_SIZE} test images and labels (t10k indices 0–1999) from the
   * classpath; needs no installed dataset.
   *
   * @return {@value #SUBSET_SIZE} images {@code [1, 28, 28]} and labels 0..9
   * @throws IOException when the resource cannot be read
   * @throws IllegalStateException when the resource is missing from the classpath
   */
  public static LabelledImages testSubset() throws IOException {
    List<Image8> images = IdxReader.readAllImages(resource(SUBSET_IMAGES), SUBSET_IMAGES);
    int[] labels = IdxReader.readLabels(resource(SUBSET_LABELS), SUBSET_LABELS);
    return new LabelledImages(images, labels);
  }

  private LabelledImages read(String imageName, String labelName) throws IOException {
    Path images = directory.resolve(imageName);
    Path labels = directory.resolve(labelName);
    List<Image8> pixels = IdxReader.readAllImages(images);
    int[] classes = IdxReader.readLabels(labels);
    if (pixels.size() != classes.length) {
      throw new IdxFormatException(
          images
              + " holds "
              + pixels.size()
              + " images but "
              + labels
              + " holds "
              + classes.length
              + " labels; expected equal counts. Reinstall dataset-fashion-mnist.");
    }
    return new LabelledImages(pixels, classes);
  }

  private static InputStream resource(String name) {
    InputStream in = FashionMnist.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          "Classpath resource org/flipad/core/data/"
              + name
              + " is missing; the flipad-core jar is incomplete. Rebuild flipad-core.");
    }
    return in;
  }
}
