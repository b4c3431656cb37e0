package org.flipad.streams.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.flipad.streams.demo.LookupBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flipad bench lookup}: requests/s and latency of the lookup API. */
@Command(
    name = "lookup",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Measures GET /api/v1/uploads/{uploadId} against a store filled in this JVM: the embedded"
            + " broker and screening service get synthetic verdicts and dead letters, then"
            + " closed-loop clients ask for random known ids with a bearer token and the"
            + " requests/s and p50/p99 latency are printed.")
final class BenchLookupCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--uploads",
      defaultValue = "20000",
      description = "Terminal records stored before measuring (default: ${DEFAULT-VALUE}).")
  int uploads;

  @Option(
      names = "--clients",
      defaultValue = "4",
      description =
          "Concurrent closed-loop clients (default: ${DEFAULT-VALUE}). They share this JVM's"
              + " cores with the service, so many more than the cores measure the clients'"
              + " own wait for a CPU.")
  int clients;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "5",
      description = "Load before measuring (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(
      names = "--seconds",
      defaultValue = "20",
      description = "Measured time (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--partitions",
      defaultValue = "2",
      description = "Topic partitions (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--markdown", description = "Also write the table to this file.")
  Path markdown;

  @Override
  public Integer call() throws IOException, InterruptedException, ExecutionException {
    Path work = Files.createTempDirectory("flipad-bench-lookup-");
    try {
      LookupBenchmark.Result result =
          new LookupBenchmark(
                  new LookupBenchmark.Settings(
                      work,
                      uploads,
                      clients,
                      Duration.ofSeconds(warmupSeconds),
                      Duration.ofSeconds(seconds),
                      partitions))
              .run();
      String table = table(result);
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

  private String table(LookupBenchmark.Result r) {
    return String.format(
            Locale.ROOT,
            "Lookup benchmark: %d stored outcomes, %d clients, %d partitions, %d cores%n%n",
            r.stored(),
            clients,
            partitions,
            Runtime.getRuntime().availableProcessors())
        + "| requests | failures | seconds | requests/s | p50 ms | p99 ms | max ms | store filled in s |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        + String.format(
            Locale.ROOT,
            "| %d | %d | %.1f | %.0f | %.2f | %.2f | %.1f | %.1f |%n",
            r.requests(),
            r.failures(),
            r.seconds(),
            r.perSecond(),
            r.p50Millis(),
            r.p99Millis(),
            r.maxMillis(),
            r.fillSeconds());
  }
}
