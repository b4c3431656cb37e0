package org.flipad.streams.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.flipad.core.data.ImageFiles;
import org.flipad.core.data.ModelInput;
import org.flipad.core.data.ModelInputFiles;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.FinalLayerInverter;
import org.flipad.core.inversion.FinalLayerKind;
import org.flipad.core.inversion.InversionSpec;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.RecoveredActivation;
import org.flipad.core.io.FinalLayerFile;
import org.flipad.core.io.FinalLayerFiles;
import org.flipad.core.io.MeanActivationFiles;
import org.flipad.core.io.NpyDType;
import org.flipad.core.io.NpyWriter;
import org.flipad.core.progress.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flipad invert}: recovers the penultimate activations â of images through a generator's
 * final layer (FLIPAD step 2) and writes them as one float32 .npy, with a JSON summary of every
 * image's duality-gap certificate.
 *
 * <p>Images are read, inverted and written in batches, so memory does not grow with their number.
 */
@Command(
    name = "invert",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Recovers the penultimate activations â = ā + argmin ½‖W·δ − r‖² + λ‖δ‖₁ of images"
          + " through a generator's final layer, with a duality-gap certificate per image.",
      "",
      "IMAGES are PNG/JPEG files and/or IDX image files (plain or .gz), told apart by their"
          + " magic bytes. They must have exactly the layer's output size (no resizing); channels"
          + " follow the layer (1 = gray, 3 = RGB). Pixels k become 2k/255 − 1 for TANH and"
          + " IDENTITY outputs and k/255 for SIGMOID.",
      ""
    })
final class InvertCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--layer",
      required = true,
      paramLabel = "FILE.json",
      description = "Final-layer description (flipad-final-layer JSON with .npy weights).")
  Path layer;

  @Option(
      names = "--mean-activation",
      required = true,
      paramLabel = "ABAR.npy",
      description = "Mean penultimate activation ā, float32, the layer's input shape or flat.")
  Path meanActivation;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FEATURES.npy",
      description = "Writes â here: float32 [N, C, H, W] ([N, d] for a dense layer).")
  Path out;

  @Option(
      names = "--summary",
      paramLabel = "SUMMARY.json",
      description = "Writes settings, per-image certificates and totals here as JSON.")
  Path summary;

  @Option(
      names = "--lambda",
      paramLabel = "LAMBDA",
      defaultValue = "5e-4",
      description = "Lasso penalty λ (default: ${DEFAULT-VALUE}).")
  double lambda;

  @Option(
      names = "--solver",
      paramLabel = "SOLVER",
      defaultValue = "working-set",
      converter = SolverChoice.Converter.class,
      completionCandidates = SolverChoice.Names.class,
      description =
          "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). fista-reference is the"
              + " official schedule (fixed step, started at ā); min-norm is the detectors' default"
              + " lift (not a lasso: λ, tolerance and cap do not apply).")
  SolverChoice solver;

  @Option(
      names = "--tolerance",
      paramLabel = "TOL",
      description =
          "Relative duality gap that certifies an image (defaults: working-set 1e-6, fista"
              + " 1e-4); for fista-reference the iterate-change tolerance (default 1e-5).")
  Double tolerance;

  @Option(
      names = "--max-iterations",
      paramLabel = "N",
      description =
          "Caps the work per image: FISTA iterations, or coordinate-descent epochs for"
              + " working-set (defaults: 20,000, 10,000; the reference schedule: 10,000). Images"
              + " that hit it are reported with stop reason ITERATION_CAP and their certificate.")
  Integer maxIterations;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Threads of the working-set solver (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "64",
      description = "Images per batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--limit", paramLabel = "N", description = "Invert only the first N images.")
  Long limit;

  @Parameters(arity = "1..*", paramLabel = "IMAGES", description = "PNG, JPEG or IDX files.")
  List<Path> images;

  @Override
  public Integer call() throws IOException {
    long started = System.nanoTime();
    requirePositive("--batch-size", batchSize);
    requirePositive("--limit", limit == null ? 1 : limit);
    requirePositive("--max-iterations", maxIterations == null ? 1 : maxIterations);
    FinalLayerFile file = FinalLayerFiles.read(layer);
    OutputActivation activation = file.activation().requireInvertible();
    float[] aBar = MeanActivationFiles.read(meanActivation, file.layer().inputShape());
    InversionSpec inversion = new InversionSpec(file.layer(), activation, aBar, lambda);
    ModelInputFormat format = ModelInputFormat.of(file.layer(), activation);
    requireParentDirectory(out);
    requireParentDirectory(summary);
    long cap = limit == null ? Long.MAX_VALUE : limit;
    try (ModelInputFiles inputs =
        ModelInputFiles.scan(images, format, ImageFiles.withDefaultLimits(), cap)) {
      SolverChoice.Configured configured =
          solver.configure(file.layer(), lambda, tolerance, threads, maxIterations);
      try (FinalLayerInverter inverter =
          new FinalLayerInverter(
              inversion, configured.solver(), configured.startAtMeanActivation())) {
        InversionTotals totals = new InversionTotals(configured.gapTolerance(), started);
        run(inputs, inverter, configured, totals);
        printResult(totals);
      }
    }
    return 0;
  }

  private void run(
      ModelInputFiles inputs,
      FinalLayerInverter inverter,
      SolverChoice.Configured configured,
      InversionTotals totals)
      throws IOException {
    ProgressListener progress = ConsoleProgressBar.on(spec.commandLine().getErr());
    progress.start("invert", inputs.total());
    try (NpyWriter features =
            NpyWriter.open(
                out, NpyDType.FLOAT32, featureShape(inverter.spec().layer(), inputs.total()));
        InversionSummaryWriter report =
            InversionSummaryWriter.open(summary, configured, lambda, provenance())) {
      while (inputs.hasNext()) {
        List<ModelInput> batch = readBatch(inputs);
        List<RecoveredActivation> results =
            inverter.invert(batch.stream().map(ModelInput::values).toArray(float[][]::new));
        for (int i = 0; i < results.size(); i++) {
          features.write(results.get(i).activation());
          report.image(batch.get(i), results.get(i), totals.add(results.get(i)));
        }
        totals.at(System.nanoTime());
        progress.advance(totals.images(), rate(totals));
      }
      report.totals(totals, ProcessMemory.peakResidentBytes(), ProcessMemory.maxHeapBytes());
    }
    progress.finish(rate(totals));
  }

  private List<ModelInput> readBatch(ModelInputFiles inputs) throws IOException {
    List<ModelInput> batch = new ArrayList<>(batchSize);
    while (batch.size() < batchSize && inputs.hasNext()) {
      batch.add(inputs.next());
    }
    return batch;
  }

  private static long[] featureShape(FinalLayer finalLayer, long count) {
    if (finalLayer.kind() == FinalLayerKind.DENSE) {
      return new long[] {count, finalLayer.inputShape().size()};
    }
    int[] shape = finalLayer.inputShape().toArray();
    return new long[] {count, shape[0], shape[1], shape[2]};
  }

  private Map<String, String> provenance() {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("layer", layer.toString());
    inputs.put("meanActivation", meanActivation.toString());
    inputs.put("features", out.toString());
    return inputs;
  }

  private static String rate(InversionTotals totals) {
    return String.format(Locale.ROOT, "%.1f images/s", totals.imagesPerSecond());
  }

  private void printResult(InversionTotals totals) {
    OptionalLong peak = ProcessMemory.peakResidentBytes();
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(
        String.format(
            Locale.ROOT,
            "Inverted %d images in %.1f s (%.1f images/s); relative gap mean %.2e, max %.2e;"
                + " certified %d/%d (gap <= %.0e); peak RSS %s.",
            totals.images(),
            totals.wallSeconds(),
            totals.imagesPerSecond(),
            totals.meanRelativeGap(),
            totals.maxRelativeGap(),
            totals.certified(),
            totals.images(),
            totals.gapTolerance(),
            ProcessMemory.mebibytes(peak)));
    stdout.flush();
  }

  private static void requirePositive(String option, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          option + " is " + value + "; expected a positive number. Pass 1 or more.");
    }
  }

  private static void requireParentDirectory(Path file) throws IOException {
    if (file == null) {
      return;
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new NoSuchFileException(
          parent.toString(),
          null,
          "the directory for output " + file + " does not exist. Create it first");
    }
  }
}
