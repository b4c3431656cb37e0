package org.flipad.streams.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flipad.streams.demo.LatencySplit;
import org.flipad.streams.demo.StreamingBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flipad bench streaming}: sustained uploads/s and end-to-end latency of the demo stack. */
@Command(
    name = "streaming",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Measures the demo topology with one watched model in this JVM: the maximum sustained"
            + " uploads/s (a burst sent as fast as possible), then p50/p99 end-to-end latency at"
            + " fractions of that rate. Every upload is a distinct image, so the cache never"
            + " answers.")
final class BenchStreamingCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin WatchedModelOptions model;

  @Option(
      names = "--burst",
      defaultValue = "300",
      description = "Uploads of the maximum-rate burst (default: ${DEFAULT-VALUE}).")
  int burst;

  @Option(
      names = "--phase-seconds",
      defaultValue = "30",
      description = "Length of each steady phase (default: ${DEFAULT-VALUE}).")
  int phaseSeconds;

  @Option(
      names = "--fractions",
      split = ",",
      defaultValue = "0.5,0.9",
      description =
          "Fractions of the maximum rate to measure latency at (default: ${DEFAULT-VALUE}).")
  List<Double> fractions;

  @Option(
      names = "--workers",
      defaultValue = "1",
      description = "Inversion workers (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--partitions",
      defaultValue = "2",
      description = "Topic partitions (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--markdown", description = "Also write the table to this file.")
  Path markdown;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path bundle = model.detectorBundle();
    Path work = Files.createTempDirectory("flipad-bench-streaming-");
    try {
      List<StreamingBenchmark.Phase> phases =
          new StreamingBenchmark(
                  new StreamingBenchmark.Settings(
                      work,
                      model.zoo,
                      bundle,
                      model.target,
                      burst,
                      Duration.ofSeconds(phaseSeconds),
                      fractions,
                      workers,
                      partitions),
                  ConsoleProgressBar.on(spec.commandLine().getErr()))
              .run();
      String table = table(phases);
      PrintWriter out = spec.commandLine().getOut();
      out.print(table);
      out.flush();
      if (markdown != null) {
        Files.writeString(markdown, table);
      }
      return 0;
    } finally {
      DemoCommand.deleteTree(work);
    }
  }

  private String table(List<StreamingBenchmark.Phase> phases) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Streaming benchmark: %s watched, %d worker(s), %d partitions, %d cores%n%n",
            model.target,
            workers,
            partitions,
            Runtime.getRuntime().availableProcessors()));
    sb.append(
        "| phase | offered uploads/s | uploads | achieved uploads/s | p50 ms | p99 ms | max ms | undecided |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (StreamingBenchmark.Phase p : phases) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %.1f | %d | %d | %d | %d |%n",
              p.name(),
              p.offeredRate() > 0
                  ? String.format(Locale.ROOT, "%.1f", p.offeredRate())
                  : "as fast as possible",
              p.uploads(),
              p.achievedRate(),
              p.p50Millis(),
              p.p99Millis(),
              p.maxMillis(),
              p.undecided()));
    }
    sb.append(
        "\nWhere an upload's time goes (mean ms per verdict; the rest is Kafka hops, Streams"
            + " processing and commit waits):\n\n");
    sb.append("| phase | worker queue | decode | inversion | scoring | rest | end to end |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (StreamingBenchmark.Phase p : phases) {
      LatencySplit s = p.meanSplit();
      if (s == null) {
        continue;
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
              p.name(),
              s.queueMs(),
              s.decodeMs(),
              s.inversionMs(),
              s.scoringMs(),
              s.restMs(),
              s.endToEndMs()));
    }
    return sb.toString();
  }
}
