package org.flipad.core.attribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.bundle.Sha256;
import org.flipad.core.data.ColorMode;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ImageFiles;
import org.flipad.core.data.ImageFolder;
import org.flipad.core.data.RealImageSource;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;

/**
 * The negative sources of one detector build, opened from their names: {@code fashion-mnist} (the
 * installed training set), {@code fashion-mnist-subset} (2,000 test images shipped with flipad), a
 * folder of PNG/JPEG images, or a generator bundle folder (sampled on the fly), each optionally
 * followed by {@code :WEIGHT}.
 *
 * <p>Default weights balance real images against generators: real sources share a weight of 1,
 * generator sources share another 1, so with both kinds present half the negative training images
 * are real and the other half is split evenly over the generators. Owns the generators it opened;
 * close releases them.
 */
public final class NegativeBank implements AutoCloseable {

  private final List<NegativeSource> sources;
  private final List<GeneratorModel> opened;

  private NegativeBank(List<NegativeSource> sources, List<GeneratorModel> opened) {
    this.sources = new ArrayList<>(sources);
    this.opened = List.copyOf(opened);
  }

  /** The sources, in the order given. */
  public List<NegativeSource> sources() {
    return List.copyOf(sources);
  }

  /** Adds a source the caller made (e.g. reviewers' feedback); the bank does not own it. */
  public void add(NegativeSource extra) {
    sources.add(extra);
  }

  /**
   * Opens the named sources.
   *
   * @param specs names as above, each optionally {@code :WEIGHT}; at least one
   * @param target the detector's generator: its colour mode reads image folders, and it may not be
   *     in its own bank
   * @throws IOException when a dataset, folder or bundle cannot be read
   * @throws IllegalArgumentException for an unknown name, a bad weight or the target itself
   */
  public static NegativeBank open(List<String> specs, GeneratorBundle target) throws IOException {
    if (specs.isEmpty()) {
      throw new IllegalArgumentException(
          "No negative sources were given. Pass fashion-mnist, a folder of images or generator"
              + " bundles (e.g. --negatives fashion-mnist --bank models/zoo/lsgan-seed2).");
    }
    List<Parsed> parsed = specs.stream().map(Parsed::of).toList();
    long generators = parsed.stream().filter(p -> isGenerator(p.name())).count();
    long reals = parsed.size() - generators;
    List<NegativeSource> sources = new ArrayList<>();
    List<GeneratorModel> opened = new ArrayList<>();
    try {
      for (Parsed p : parsed) {
        boolean generator = isGenerator(p.name());
        double weight =
            !Double.isNaN(p.weight()) ? p.weight() : 1.0 / (generator ? generators : reals);
        sources.add(
            generator
                ? generatorSource(Path.of(p.name()), weight, target, opened)
                : realSource(p.name(), weight, target));
      }
    } catch (IOException | RuntimeException e) {
      opened.forEach(GeneratorModel::close);
      throw e;
    }
    return new NegativeBank(sources, opened);
  }

  /**
   * The default bank of a zoo target: {@code real} plus every other generator bundle beside the
   * target's folder (its zoo).
   *
   * @param real the real-image source name, e.g. "fashion-mnist"
   * @param target the detector's generator, inside a zoo folder
   */
  public static List<String> zooDefaults(String real, GeneratorBundle target) throws IOException {
    Path self = target.directory().toAbsolutePath().normalize();
    Path zoo = self.getParent();
    List<String> specs = new ArrayList<>();
    specs.add(real);
    if (zoo == null) {
      return specs;
    }
    try (Stream<Path> entries = Files.list(zoo)) {
      entries
          .filter(p -> !p.toAbsolutePath().normalize().equals(self))
          .filter(p -> Files.isRegularFile(p.resolve(GeneratorBundles.MANIFEST)))
          .sorted()
          .forEach(p -> specs.add(p.toString()));
    }
    return specs;
  }

  private record Parsed(String name, double weight) {
    static Parsed of(String spec) {
      int colon = spec.lastIndexOf(':');
      if (colon > 0 && colon < spec.length() - 1) {
        String tail = spec.substring(colon + 1);
        try {
          double weight = Double.parseDouble(tail);
          return new Parsed(spec.substring(0, colon), weight);
        } catch (NumberFormatException e) {
          // Not a weight: the colon belongs to the name (e.g. a Windows path); keep it whole.
        }
      }
      return new Parsed(spec, Double.NaN);
    }
  }

  private static boolean isGenerator(String name) {
    return Files.isRegularFile(Path.of(name).resolve(GeneratorBundles.MANIFEST));
  }

  private static NegativeSource generatorSource(
      Path bundle, double weight, GeneratorBundle target, List<GeneratorModel> opened)
      throws IOException {
    GeneratorBundle other = GeneratorBundles.read(bundle);
    if (other.digest().equals(target.digest())) {
      throw new IllegalArgumentException(
          "Negative source "
              + bundle
              + " is the target generator itself; a detector cannot be trained to refuse its own"
              + " samples. Leave it out of the bank.");
    }
    GeneratorModel model = other.load();
    opened.add(model);
    String name = bundle.toAbsolutePath().normalize().getFileName().toString();
    return new NegativeSource(
        NegativeSource.Kind.GENERATOR,
        "generator-bundle sha256:" + other.digest(),
        weight,
        new GeneratorImageSource(name, model));
  }

  private static NegativeSource realSource(String name, double weight, GeneratorBundle target)
      throws IOException {
    switch (name) {
      case "fashion-mnist":
        {
          FashionMnist data = FashionMnist.locate(null);
          List<Image8> images = data.train().images();
          return new NegativeSource(
              NegativeSource.Kind.REAL,
              "fashion-mnist train ("
                  + data.directory()
                  + ") pixels sha256:"
                  + Sha256.ofImages(images),
              weight,
              new RealImageSource(name, images));
        }
      case "fashion-mnist-subset":
        {
          List<Image8> images = FashionMnist.testSubset().images();
          return new NegativeSource(
              NegativeSource.Kind.REAL,
              "fashion-mnist-subset (flipad resource) pixels sha256:" + Sha256.ofImages(images),
              weight,
              new RealImageSource(name, images));
        }
      default:
        Path folder = Path.of(name);
        if (!Files.isDirectory(folder)) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "Negative source '%s' is neither fashion-mnist, fashion-mnist-subset, a folder"
                      + " of images nor a generator bundle (a folder with %s). Pass one of those.",
                  name,
                  GeneratorBundles.MANIFEST));
        }
        ColorMode mode = ColorMode.valueOf(target.manifest().colorMode());
        List<Image8> images =
            ImageFolder.open(folder)
                .read(ImageFiles.withDefaultLimits(), mode, ImageFolder.OnUnreadable.FAIL)
                .images();
        String label = folder.toAbsolutePath().normalize().getFileName().toString();
        return new NegativeSource(
            NegativeSource.Kind.REAL,
            "image folder " + folder + " pixels sha256:" + Sha256.ofImages(images),
            weight,
            new RealImageSource(label, images));
    }
  }

  @Override
  public void close() {
    opened.forEach(GeneratorModel::close);
  }
}
