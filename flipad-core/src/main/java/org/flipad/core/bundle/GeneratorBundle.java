package org.flipad.core.bundle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.generator.architecture.GeneratorNetworks;
import org.flipad.core.generator.architecture.NetworkGeneratorModel;
import org.flipad.core.generator.imported.TorchScriptGenerator;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.io.FinalLayerFile;
import org.flipad.core.io.FinalLayerFiles;

/**
 * A generator bundle on disk whose files matched their recorded digests when it was read.
 *
 * @param directory the bundle directory
 * @param manifest its {@code generator.json}
 * @param digest sha256 of {@code generator.json}, which names every other file's digest: the
 *     bundle's identity
 */
public record GeneratorBundle(Path directory, GeneratorManifest manifest, String digest) {

  /**
   * Loads the generator. A network bundle's final layer is checked against the exported {@code
   * final-layer.json}, bit for bit, so the layer FLIPAD inverts is the one the weights apply.
   *
   * @throws IOException when a file cannot be read or the weights do not fit the manifest
   */
  public GeneratorModel load() throws IOException {
    GeneratorModel model =
        GeneratorManifest.TORCHSCRIPT.equals(manifest.kind())
            ? TorchScriptGenerator.open(directory)
            : loadNetwork();
    try {
      requireExportedFinalLayer(model);
      return model;
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The exported final layer and activation, readable without loading the generator. */
  public FinalLayerFile finalLayer() throws IOException {
    return FinalLayerFiles.read(directory.resolve(manifest.finalLayer()));
  }

  private static boolean sameLayer(FinalLayer a, FinalLayer b) {
    return a.kind() == b.kind()
        && a.inputShape().equals(b.inputShape())
        && Arrays.equals(a.weight(), b.weight())
        && Arrays.equals(a.bias().orElse(null), b.bias().orElse(null));
  }

  private GeneratorModel loadNetwork() throws IOException {
    Path weights = directory.resolve(GeneratorBundles.WEIGHTS);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(weights))) {
      return NetworkGeneratorModel.load(
          GeneratorNetworks.forArchitecture(manifest.architecture(), 0), in);
    }
  }

  private void requireExportedFinalLayer(GeneratorModel model) throws IOException {
    FinalLayer exported = finalLayer().layer();
    FinalLayer live = model.finalLayer();
    if (!sameLayer(exported, live)) {
      throw new IOException(
          "Bundle "
              + directory
              + ": the final layer in "
              + manifest.finalLayer()
              + " differs from the one the weights apply. The bundle was edited by hand or"
              + " assembled from two models; re-create it with flipad train-generator or"
              + " flipad import-generator.");
    }
  }
}
