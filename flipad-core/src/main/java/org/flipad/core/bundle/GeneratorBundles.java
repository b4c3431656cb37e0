package org.flipad.core.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.generator.GeneratorShape;
import org.flipad.core.generator.SampleGrid;
import org.flipad.core.generator.architecture.GeneratorNetworks;
import org.flipad.core.generator.architecture.NetworkGeneratorModel;
import org.flipad.core.generator.imported.TorchScriptGenerator;
import org.flipad.core.inversion.TensorShape;
import org.flipad.core.io.FinalLayerFile;
import org.flipad.core.io.FinalLayerFiles;

/**
 * Writes and reads generator bundles: one directory per generator holding
 *
 * <ul>
 *   <li>{@code generator.json}: the {@link GeneratorManifest} (shapes, activation, pixel scaling,
 *       training record, provenance, and the sha256 of every other file);
 *   <li>the weights: {@code generator.params} (DJL parameter format) for networks this build
 *       defines, or the TorchScript files of an import ({@code generator.pt}, {@code
 *       penultimate.pt}, {@code torchscript-generator.json});
 *   <li>{@code final-layer.json} with its {@code .npy} weights: the final layer in the inversion
 *       engine's format, so a detector can be built and served without loading the generator;
 *   <li>{@code samples.png}: an 8×8 grid of samples of fixed codes (seed {@value #SAMPLE_SEED}).
 * </ul>
 *
 * <p>Reading verifies every digest and refuses a mismatch, naming the file.
 */
public final class GeneratorBundles {

  public static final String MANIFEST = "generator.json";
  public static final String WEIGHTS = "generator.params";
  public static final String FINAL_LAYER = "final-layer.json";
  public static final String SAMPLES = "samples.png";

  /** Seed of the codes in every bundle's {@code samples.png}, the same for all models. */
  public static final long SAMPLE_SEED = 20_261_128L;

  private static final List<String> TORCHSCRIPT_FILES =
      List.of(
          TorchScriptGenerator.MANIFEST,
          TorchScriptGenerator.GENERATOR + ".pt",
          TorchScriptGenerator.PENULTIMATE + ".pt");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private GeneratorBundles() {}

  /**
   * Writes a trained network's bundle into {@code directory}, saving its weights there.
   *
   * @param training how it was trained
   */
  public static GeneratorBundle writeTrained(
      NetworkGeneratorModel model, TrainingRecord training, Provenance provenance, Path directory)
      throws IOException {
    Files.createDirectories(directory);
    Path weights = directory.resolve(WEIGHTS);
    Path partial = directory.resolve(WEIGHTS + ".partial");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
      model.save(out);
    }
    Files.move(partial, weights, StandardCopyOption.REPLACE_EXISTING);
    return finish(
        model,
        GeneratorManifest.NETWORK,
        model.network().architecture(),
        training,
        provenance,
        directory);
  }

  /**
   * Writes the bundle of a finished training run into {@code directory}: loads the weights the
   * trainer saved and adds the final layer, samples and manifest.
   *
   * @param weights the trainer's {@code generator.params}
   */
  public static GeneratorBundle writeTrained(
      String architecture,
      Path weights,
      TrainingRecord training,
      Provenance provenance,
      Path directory)
      throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(weights));
        NetworkGeneratorModel model =
            NetworkGeneratorModel.load(GeneratorNetworks.forArchitecture(architecture, 0), in)) {
      return writeTrained(model, training, provenance, directory);
    }
  }

  /**
   * Makes a bundle from a TorchScript generator folder (see {@code TorchScriptGenerator}): copies
   * its three files, checks that they load and run, exports the final layer and writes samples.
   */
  public static GeneratorBundle importTorchScript(
      Path source, Provenance provenance, Path directory) throws IOException {
    Files.createDirectories(directory);
    for (String name : TORCHSCRIPT_FILES) {
      Path from = source.resolve(name);
      if (!Files.isRegularFile(from)) {
        throw new FileNotFoundException(
            "TorchScript import needs "
                + from
                + "; the folder must hold "
                + String.join(", ", TORCHSCRIPT_FILES)
                + " (see tools/torchscript-fixture/README.md).");
      }
      Files.copy(from, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    try (TorchScriptGenerator model = TorchScriptGenerator.open(directory)) {
      return finish(
          model,
          GeneratorManifest.TORCHSCRIPT,
          GeneratorManifest.TORCHSCRIPT,
          null,
          provenance,
          directory);
    }
  }

  private static GeneratorBundle finish(
      GeneratorModel model,
      String kind,
      String architecture,
      TrainingRecord trainingOrNull,
      Provenance provenance,
      Path directory)
      throws IOException {
    FinalLayerFiles.write(
        new FinalLayerFile(model.finalLayer(), model.outputActivation()),
        directory.resolve(FINAL_LAYER));
    SampleGrid.write(model, SAMPLE_SEED, directory.resolve(SAMPLES));
    GeneratorShape shape = model.shape();
    GeneratorManifest manifest =
        new GeneratorManifest(
            GeneratorManifest.FORMAT,
            GeneratorManifest.VERSION,
            kind,
            architecture,
            shape.latentSize(),
            dimensions(shape.penultimate()),
            dimensions(shape.image()),
            shape.colorMode().name(),
            model.outputActivation().name(),
            GeneratorManifest.UNIT_RANGE_SCALING,
            FINAL_LAYER,
            digests(directory),
            trainingOrNull,
            provenance);
    byte[] json = JSON.writeValueAsBytes(manifest);
    Files.write(directory.resolve(MANIFEST), json);
    return new GeneratorBundle(directory, manifest, Sha256.ofBytes(json));
  }

  /**
   * Reads a bundle's manifest and verifies the digest of every file it lists.
   *
   * @throws IOException when the manifest is missing or malformed, or a file is missing or differs
   *     from its recorded digest
   */
  public static GeneratorBundle read(Path directory) throws IOException {
    Path manifestFile = directory.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new FileNotFoundException(
          directory
              + " is not a generator bundle: it has no "
              + MANIFEST
              + ". Pass a directory written by flipad train-generator or flipad import-generator.");
    }
    byte[] json = Files.readAllBytes(manifestFile);
    GeneratorManifest manifest = JSON.readValue(json, GeneratorManifest.class);
    requireFormat(manifest, manifestFile);
    for (Map.Entry<String, String> file : manifest.files().entrySet()) {
      verify(directory, file.getKey(), file.getValue());
    }
    return new GeneratorBundle(directory, manifest, Sha256.ofBytes(json));
  }

  private static void requireFormat(GeneratorManifest manifest, Path file) throws IOException {
    if (!GeneratorManifest.FORMAT.equals(manifest.format())
        || manifest.version() != GeneratorManifest.VERSION) {
      throw new IOException(
          String.format(
              "%s is format '%s' version %d; this build reads '%s' version %d. Re-create the"
                  + " bundle or use a matching flipad.",
              file,
              manifest.format(),
              manifest.version(),
              GeneratorManifest.FORMAT,
              GeneratorManifest.VERSION));
    }
  }

  private static void verify(Path directory, String name, String expected) throws IOException {
    Path file = directory.resolve(name).normalize();
    if (!file.startsWith(directory.normalize()) || !Files.isRegularFile(file)) {
      throw new FileNotFoundException(
          "Bundle " + directory + " lists " + name + " but it is missing. Copy the whole bundle.");
    }
    String actual = Sha256.ofFile(file);
    if (!actual.equals(expected)) {
      throw new IOException(
          String.format(
              "Bundle %s: %s has sha256 %s but the manifest records %s. The file was changed or"
                  + " damaged after the bundle was written; restore it or re-create the bundle.",
              directory, name, actual, expected));
    }
  }

  /** Every regular file of the directory except the manifest, by name. */
  private static Map<String, String> digests(Path directory) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        String name = file.getFileName().toString();
        if (Files.isRegularFile(file) && isBundleFile(name)) {
          digests.put(name, Sha256.ofFile(file));
        }
      }
    }
    return digests;
  }

  /** Bundle content, not training leftovers (checkpoints, partial files) that share the folder. */
  private static boolean isBundleFile(String name) {
    return !name.equals(MANIFEST)
        && (name.equals(WEIGHTS)
            || name.equals(SAMPLES)
            || name.startsWith("final-layer.")
            || TORCHSCRIPT_FILES.contains(name));
  }

  private static int[] dimensions(TensorShape shape) {
    return new int[] {shape.channels(), shape.height(), shape.width()};
  }
}
