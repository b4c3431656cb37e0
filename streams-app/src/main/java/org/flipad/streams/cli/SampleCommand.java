package org.flipad.streams.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.generator.GeneratorSamples;
import org.flipad.core.progress.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flipad sample}: writes N generated images as PNG files. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Writes N images of a generator bundle as PNG files sample-00000.png, … (8-bit, pixels"
            + " k = round((x + 1)·127.5)); the same --seed gives the same images.")
final class SampleCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Bundle.")
  Path model;

  @Option(names = "--n", required = true, paramLabel = "N", description = "How many images.")
  int count;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the latent codes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--batch-size",
      defaultValue = "64",
      paramLabel = "B",
      description = "Images generated at once (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  public Integer call() throws IOException {
    if (count < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "--n is " + count + " and --batch-size " + batchSize + "; both must be at least 1.");
    }
    GeneratorBundle bundle = GeneratorBundles.read(model);
    Files.createDirectories(out);
    ProgressListener progress = ConsoleProgressBar.on(spec.commandLine().getErr());
    try (GeneratorModel generator = bundle.load()) {
      GeneratorSamples.writePngs(
          generator, new SplittableRandom(seed), count, batchSize, out, progress);
    }
    spec.commandLine()
        .getOut()
        .printf("Wrote %d images of %s to %s (seed %d).%n", count, model, out, seed);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
