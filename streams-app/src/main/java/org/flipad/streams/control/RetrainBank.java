package org.flipad.streams.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.flipad.core.attribution.NegativeBank;
import org.flipad.core.attribution.NegativeSource;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.bundle.Sha256;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.core.data.RealImageSource;

/**
 * The negative bank of a RETRAIN, and the real images its quality gate holds out.
 *
 * <p>{@code negativesDatasetUri} lists sources separated by commas, each in {@link NegativeBank}'s
 * syntax ({@code fashion-mnist}, {@code fashion-mnist-subset}, a folder of images, a generator
 * bundle folder; a path or {@code file:} URI; optionally {@code :WEIGHT}), plus the word {@code
 * registered}: the generator bundle of every other model in {@code flipad.models} (the {@code
 * generatorBundleLocation} of its active version, else of its newest version that has one). Without
 * the field the trainer's default applies ({@link RetrainSettings#DEFAULT_NEGATIVES}: {@code
 * fashion-mnist-subset,registered}). Default weights as in {@link NegativeBank}: real sources share
 * 1, generators share 1.
 *
 * <p>The gate's real images: the Fashion-MNIST test images after the shipped subset (indices 2,000
 * to 9,999) when the full dataset is installed, which no default bank trains on; otherwise the last
 * {@code gateSamples} images of the shipped subset, which are then left out of the {@code
 * fashion-mnist-subset} source. Only for targets of Fashion-MNIST's layout (28×28 grey); other
 * targets are gated on their generator sources and miss rate only.
 *
 * <p>Which other models' generators {@code registered} brings in is {@link RegisteredGenerators}'
 * part.
 */
final class RetrainBank implements AutoCloseable {

  static final String SUBSET = "fashion-mnist-subset";
  static final String REGISTERED = "registered";

  /** The gate's name for its held-out real images. */
  static final String HELD_OUT_REAL = "real-held-out";

  /**
   * The sources a RETRAIN will open.
   *
   * @param specs NegativeBank specs with explicit weights, local paths for {@code file:} URIs
   * @param registered the other models whose generators were added, as {@code id@version}
   * @param unavailable other models left out, each with why
   */
  record Plan(List<String> specs, List<String> registered, List<String> unavailable) {
    Plan {
      specs = List.copyOf(specs);
      registered = List.copyOf(registered);
      unavailable = List.copyOf(unavailable);
    }
  }

  private record Spec(String name, double weight) {}

  private final List<NegativeSource> sources;
  private final NegativeBank opened;
  private final RealImageSource heldOutReal;

  private RetrainBank(
      List<NegativeSource> sources, NegativeBank opened, RealImageSource heldOutReal) {
    this.sources = new ArrayList<>(sources);
    this.opened = opened;
    this.heldOutReal = heldOutReal;
  }

  /**
   * Resolves {@code negatives} (a command's {@code negativesDatasetUri}, or the trainer's default)
   * against the registry.
   *
   * @param modelId the model being retrained, whose own versions are not negatives
   * @param targetDigest the target generator's sha256: a model registered with the same generator
   *     is left out too
   * @param isGeneratorBundle whether a location is a readable generator bundle folder
   * @throws CommandFailure when the list is empty or a weight is misplaced
   */
  static Plan plan(
      String negatives,
      ModelVersions registry,
      String modelId,
      String targetDigest,
      Predicate<Path> isGeneratorBundle)
      throws CommandFailure {
    List<Spec> parsed = new ArrayList<>();
    List<String> registered = new ArrayList<>();
    List<String> unavailable = new ArrayList<>();
    for (String raw : negatives.split(",")) {
      String item = raw.strip();
      if (item.isEmpty()) {
        continue;
      }
      if (item.startsWith(REGISTERED)) {
        if (!item.equals(REGISTERED)) {
          throw new CommandFailure(
              "negativesDatasetUri item '"
                  + item
                  + "': 'registered' takes no weight; registered generators share the generators'"
                  + " weight. Write 'registered' alone, or list the bundles with weights.");
        }
        RegisteredGenerators.locations(
                registry, modelId, targetDigest, isGeneratorBundle, registered, unavailable)
            .forEach(p -> parsed.add(new Spec(p, Double.NaN)));
      } else {
        parsed.add(parse(item));
      }
    }
    if (parsed.isEmpty()) {
      throw new CommandFailure(
          "The negative bank '"
              + negatives
              + "' has no source"
              + (unavailable.isEmpty() ? "" : " (" + String.join("; ", unavailable) + ")")
              + ". List e.g. fashion-mnist-subset, a folder of images or generator bundles.");
    }
    return new Plan(weighted(parsed, isGeneratorBundle), registered, unavailable);
  }

  private static Spec parse(String item) throws CommandFailure {
    String name = item;
    double weight = Double.NaN;
    int colon = item.lastIndexOf(':');
    if (colon > 0 && colon < item.length() - 1) {
      try {
        weight = Double.parseDouble(item.substring(colon + 1));
        name = item.substring(0, colon);
      } catch (NumberFormatException e) {
        // Not a weight: the colon belongs to the name (a file: URI or a Windows path).
      }
    }
    if (!Double.isNaN(weight) && !(weight > 0 && Double.isFinite(weight))) {
      throw new CommandFailure(
          "negativesDatasetUri item '" + item + "' has weight " + weight + "; give a weight > 0.");
    }
    return new Spec(name.startsWith("file:") ? RetrainJob.path(name).toString() : name, weight);
  }

  /** Explicit weights: reals share 1, generators share 1, unless the item gave its own. */
  private static List<String> weighted(List<Spec> parsed, Predicate<Path> isGeneratorBundle) {
    long generators = parsed.stream().filter(s -> isGenerator(s, isGeneratorBundle)).count();
    long reals = parsed.size() - generators;
    List<String> specs = new ArrayList<>();
    for (Spec s : parsed) {
      double weight =
          !Double.isNaN(s.weight())
              ? s.weight()
              : 1.0 / (isGenerator(s, isGeneratorBundle) ? generators : reals);
      specs.add(s.name() + ":" + weight);
    }
    return specs;
  }

  private static boolean isGenerator(Spec spec, Predicate<Path> isGeneratorBundle) {
    return !spec.name().equals(SUBSET)
        && !spec.name().equals("fashion-mnist")
        && isGeneratorBundle.test(Path.of(spec.name()));
  }

  /** Whether {@code folder} holds a generator bundle. */
  static boolean isGeneratorBundle(Path folder) {
    return Files.isRegularFile(folder.resolve(GeneratorBundles.MANIFEST));
  }

  /**
   * Opens the planned sources and picks the gate's held-out real images.
   *
   * @param gateSamples held-out real images the gate will draw
   * @throws CommandFailure when a source cannot be used (unknown name, the target itself)
   * @throws IOException when a dataset, folder or bundle cannot be read
   */
  static RetrainBank open(Plan plan, GeneratorBundle target, int gateSamples)
      throws CommandFailure, IOException {
    ModelInputFormat format =
        ModelInputFormat.of(
            target.finalLayer().layer(), target.finalLayer().activation().requireInvertible());
    boolean fashionLayout = format.width() == 28 && format.height() == 28;
    boolean fullDataset = FashionMnist.check(null).available();
    List<NegativeSource> own = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    RealImageSource heldOut = null;
    int carve = Math.min(gateSamples, FashionMnist.SUBSET_SIZE / 2);
    if (fashionLayout) {
      heldOut = heldOutReal(fullDataset, carve);
    }
    for (String spec : plan.specs()) {
      int colon = spec.lastIndexOf(':');
      String name = spec.substring(0, colon);
      if (name.equals(SUBSET) && heldOut != null && !fullDataset) {
        own.add(subsetWithout(carve, Double.parseDouble(spec.substring(colon + 1))));
      } else {
        rest.add(spec);
      }
    }
    NegativeBank bank;
    try {
      bank = rest.isEmpty() ? null : NegativeBank.open(rest, target);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage(), e);
    }
    List<NegativeSource> sources = new ArrayList<>(own);
    if (bank != null) {
      sources.addAll(bank.sources());
    }
    return new RetrainBank(sources, bank, heldOut);
  }

  private static RealImageSource heldOutReal(boolean fullDataset, int carve) throws IOException {
    if (fullDataset) {
      List<Image8> test = FashionMnist.locate(null).test().images();
      return new RealImageSource(
          HELD_OUT_REAL, test.subList(FashionMnist.SUBSET_SIZE, test.size()));
    }
    List<Image8> subset = FashionMnist.testSubset().images();
    return new RealImageSource(HELD_OUT_REAL, subset.subList(subset.size() - carve, subset.size()));
  }

  /** The shipped subset without its last {@code carve} images, which the gate holds out. */
  private static NegativeSource subsetWithout(int carve, double weight) throws IOException {
    List<Image8> subset = FashionMnist.testSubset().images();
    List<Image8> kept = subset.subList(0, subset.size() - carve);
    return new NegativeSource(
        NegativeSource.Kind.REAL,
        String.format(
            Locale.ROOT,
            "fashion-mnist-subset images 0-%d (flipad resource; the rest held out for the gate)"
                + " pixels sha256:%s",
            kept.size() - 1,
            Sha256.ofImages(kept)),
        weight,
        new RealImageSource(SUBSET, kept));
  }

  /** The training sources, in order (feedback added last). */
  List<NegativeSource> sources() {
    return List.copyOf(sources);
  }

  /** Adds a source the caller made (reviewers' feedback). */
  void add(NegativeSource source) {
    sources.add(source);
  }

  /** The gate's real images, never trained on; empty for targets not of Fashion-MNIST's layout. */
  Optional<RealImageSource> heldOutReal() {
    return Optional.ofNullable(heldOutReal);
  }

  @Override
  public void close() {
    if (opened != null) {
      opened.close();
    }
  }
}
