package org.flipad.streams.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.flipad.core.benchmark.ProblemSize;
import org.flipad.core.benchmark.SyntheticProblem;
import org.flipad.core.inversion.TensorShape;
import org.flipad.core.io.FinalLayerFile;
import org.flipad.core.io.FinalLayerFiles;
import org.flipad.core.io.NpyDType;
import org.flipad.core.io.NpyWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flipad bench export-layer}: writes a benchmark layer and its ā for {@code flipad invert}.
 */
@Command(
    name = "export-layer",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the benchmark's synthetic final layer (DCGAN-initialised, tanh output) as"
          + " layer.json with .npy weights, and its mean activation as mean-activation.npy, so"
          + " that `flipad invert` can be tried and measured before a generator exists."
    })
final class BenchExportLayerCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--size", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ProblemSize size = ProblemSize.MNIST_28;

  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}, as the benchmark).")
  long seed = 7;

  @Option(names = "--out", required = true, description = "Directory to write into (created).")
  Path out;

  @Override
  public Integer call() throws IOException {
    SyntheticProblem problem = SyntheticProblem.create(size, 1, 5e-4, seed);
    Files.createDirectories(out);
    Path layer = out.resolve("layer.json");
    FinalLayerFiles.write(
        new FinalLayerFile(problem.spec().layer(), problem.spec().activation()), layer);
    Path mean = out.resolve("mean-activation.npy");
    float[] aBar = problem.spec().meanActivation();
    TensorShape shape = problem.spec().layer().inputShape();
    int plane = shape.height() * shape.width();
    long[] npyShape = {shape.channels(), shape.height(), shape.width()};
    try (NpyWriter writer = NpyWriter.open(mean, NpyDType.FLOAT32, npyShape)) {
      for (int c = 0; c < shape.channels(); c++) {
        writer.write(Arrays.copyOfRange(aBar, c * plane, (c + 1) * plane));
      }
    }
    spec.commandLine()
        .getOut()
        .println("Wrote " + layer + " and " + mean + " (" + size.label() + ")");
    return 0;
  }
}
