package org.flipad.streams.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flipad.core.benchmark.BenchmarkChart;
import org.flipad.core.benchmark.BenchmarkReport;
import org.flipad.core.benchmark.BenchmarkSettings;
import org.flipad.core.benchmark.InversionBenchmark;
import org.flipad.core.benchmark.ProblemSize;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flipad bench inversion}: the reference schedule against both certified solvers. */
@Command(
    name = "inversion",
    mixinStandardHelpOptions = true,
    description = {
      "Times the reference FISTA schedule, certified FISTA and the working-set solver on the same"
          + " synthetic final-layer problems, and prints a Markdown table with ratios to the"
          + " reference."
    })
final class BenchInversionCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--sizes",
      split = ",",
      description = "Problem sizes: ${COMPLETION-CANDIDATES} (default: both).")
  List<ProblemSize> sizes = List.of(ProblemSize.MNIST_28, ProblemSize.DCGAN_64);

  @Option(
      names = "--images",
      split = ",",
      description = "Images per size, in the order of --sizes (default: 64,8).")
  List<Integer> images = List.of(64, 8);

  @Option(
      names = "--reference-iterations",
      description = "K of the reference schedule (default: ${DEFAULT-VALUE}).")
  int referenceIterations = 10_000;

  @Option(
      names = "--threads",
      description = "Threads of the working-set solver (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--seed",
      description = "Seed of the synthetic problems (default: ${DEFAULT-VALUE}).")
  long seed = 7;

  @Option(
      names = "--certify-cd-on",
      split = ",",
      description =
          "Sizes on which the working-set solver is also timed to certified gaps 1e-4 and 1e-6"
              + " (default: MNIST_28; on DCGAN_64 it takes over a minute per image).")
  List<ProblemSize> certifyWorkingSetOn = List.of(ProblemSize.MNIST_28);

  @Option(names = "--markdown", description = "Also write the table to this file.")
  Path markdown;

  @Option(
      names = "--plots",
      description = "Also draw one PNG per problem (ms per image, log scale) into this directory.")
  Path plots;

  @Option(names = "--json", description = "Also write the full report as JSON to this file.")
  Path json;

  @Override
  public Integer call() throws IOException {
    BenchmarkSettings settings =
        BenchmarkSettings.defaults()
            .withSizes(sizes, images.subList(0, Math.min(images.size(), sizes.size())))
            .withReferenceIterations(referenceIterations)
            .withThreads(threads)
            .withSeed(seed)
            .withCertifyWorkingSetOn(certifyWorkingSetOn);
    PrintWriter out = spec.commandLine().getOut();
    out.print("Runs as they finish:\n\n" + BenchmarkReport.tableHeader());
    out.flush();
    Map<String, Double> referenceMillis = new HashMap<>();
    long started = System.nanoTime();
    BenchmarkReport report =
        new InversionBenchmark(
                settings,
                ConsoleProgressBar.on(spec.commandLine().getErr()),
                run -> {
                  referenceMillis.putIfAbsent(run.problem(), run.millisPerImage());
                  out.print(BenchmarkReport.tableRow(run, referenceMillis.get(run.problem())));
                  out.flush();
                })
            .run();
    String table = header(report, (System.nanoTime() - started) / 1e9) + report.toMarkdown();
    out.println();
    out.println(table);
    out.flush();
    if (markdown != null) {
      Files.writeString(markdown, table);
    }
    if (plots != null) {
      Files.createDirectories(plots);
      for (Path file : BenchmarkChart.write(report, plots)) {
        out.println("Wrote " + file);
      }
    }
    if (json != null) {
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(json.toFile(), report);
    }
    return 0;
  }

  private static String header(BenchmarkReport report, double seconds) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT, "Inversion benchmark, %s, %.0f s in all%n", Instant.now(), seconds));
    report
        .machine()
        .forEach((k, v) -> text.append("- ").append(k).append(": ").append(v).append('\n'));
    BenchmarkSettings s = report.settings();
    text.append(
        String.format(
            Locale.ROOT,
            "- λ = %g, reference η = %g, K = %d, seed %d; ms/image = batch wall time / images%n%n",
            s.lambda(),
            s.referenceStep(),
            s.referenceIterations(),
            s.seed()));
    return text.toString();
  }
}
