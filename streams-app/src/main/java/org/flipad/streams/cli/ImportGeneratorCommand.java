package org.flipad.streams.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.bundle.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flipad import-generator}: turns a TorchScript generator into a generator bundle. */
@Command(
    name = "import-generator",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Imports a PyTorch generator saved as TorchScript into a generator bundle.",
      "The folder must hold generator.pt (forward(z) returns the image), penultimate.pt"
          + " (forward(z) returns the final layer's input) and torchscript-generator.json naming"
          + " the final layer's weight tensors; see tools/torchscript-fixture/README.md."
    })
final class ImportGeneratorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--torchscript",
      required = true,
      paramLabel = "DIR",
      description = "Folder with the TorchScript files and manifest.")
  Path source;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Bundle directory.")
  Path out;

  @Override
  public Integer call() throws IOException {
    GeneratorBundle bundle =
        GeneratorBundles.importTorchScript(source, Provenance.current(InstantSource.system()), out);
    spec.commandLine()
        .getOut()
        .printf(
            "Imported %s as bundle %s (sha256 %s): z %d → image %s, final layer %s.%n",
            source,
            bundle.directory(),
            bundle.digest(),
            bundle.manifest().latentSize(),
            java.util.Arrays.toString(bundle.manifest().imageShape()),
            bundle.finalLayer().layer().kind());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
