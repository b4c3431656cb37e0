package org.flipad.streams.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flipad.streams.faults.FaultReport;
import org.flipad.streams.faults.FaultScenario;
import org.flipad.streams.faults.FaultSuite;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flipad bench faults}: the fault suite. Exits 1 when any scenario loses or doubles a
 * terminal or audit record, so it can gate a release.
 */
@Command(
    name = "faults",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the broker, the schema registry, two serve and two worker processes as separate OS"
          + " processes, sends uploads at a steady rate while each scenario kills, stops or"
          + " restarts them, and counts every upload's terminal and audit records: missing,"
          + " duplicated, TIMEOUT. Exits 1 if anything was lost or doubled.",
      ""
    })
final class BenchFaultsCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--scenarios",
      split = ",",
      defaultValue = "kill,worker-kill,stop,broker-restart,poison",
      description = "Scenarios to run, in order (default: ${DEFAULT-VALUE}).")
  List<String> scenarios;

  @Option(
      names = "--uploads",
      defaultValue = "1000",
      description = "Good uploads per scenario, at most 2,000 (default: ${DEFAULT-VALUE}).")
  int uploads;

  @Option(
      names = "--rate",
      defaultValue = "4",
      description = "Uploads per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @CommandLine.Mixin WatchedModelOptions model;

  @Option(
      names = "--work-dir",
      description =
          "Broker data, state and every process's log, kept for inspection (default: a new"
              + " temporary folder, printed).")
  Path workDir;

  @Option(
      names = "--worker-jar",
      paramLabel = "FILE",
      description =
          "Run the worker processes from another build's flipad.jar (its lib/ beside it), e.g. the"
              + " previous release, to compare how each copes (default: this build).")
  Path workerJar;

  @Option(names = "--markdown", description = "Also write the report to this file.")
  Path markdown;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (uploads < 10 || !(rate > 0)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--uploads must be at least 10 and --rate above 0.");
    }
    List<FaultScenario> chosen = new ArrayList<>();
    for (String id : scenarios) {
      try {
        chosen.add(FaultScenario.fromId(id.strip()));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    Path bundle = model.detectorBundle();
    Path work = workDir != null ? workDir : Files.createTempDirectory("flipad-faults-");
    PrintWriter err = spec.commandLine().getErr();
    err.printf("flipad bench faults: processes' logs under %s%n", work);
    err.flush();
    FaultSuite suite =
        new FaultSuite(
            new FaultSuite.Settings(
                work,
                model.zoo,
                model.target,
                bundle,
                uploads,
                rate,
                workerJar,
                FlipadCommand.class.getName()),
            ConsoleProgressBar.on(err));
    List<FaultReport> reports = new ArrayList<>();
    for (FaultScenario scenario : chosen) {
      FaultReport report = suite.run(scenario);
      reports.add(report);
      // Each scenario takes minutes: show its row as soon as it is known.
      err.println(FaultReport.tableHeader());
      err.println(report.tableRow());
      err.flush();
    }
    String report = report(reports);
    PrintWriter out = spec.commandLine().getOut();
    out.print(report);
    out.flush();
    if (markdown != null) {
      Files.writeString(markdown, report);
    }
    return reports.stream().allMatch(FaultReport::conserved) ? 0 : 1;
  }

  private String report(List<FaultReport> reports) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Fault suite: %s watched, %d uploads per scenario at %.1f/s, 2 serve + 2 worker"
                + " processes%s, %d cores%n%n",
            model.target,
            uploads,
            rate,
            workerJar == null ? "" : " (workers from " + workerJar + ")",
            Runtime.getRuntime().availableProcessors()));
    sb.append(FaultReport.tableHeader()).append('\n');
    for (FaultReport r : reports) {
      sb.append(r.tableRow()).append('\n');
    }
    for (FaultReport r : reports) {
      sb.append(String.format("%n%s: %s%n", r.scenario().id(), r.scenario().description()));
      r.faults().forEach(f -> sb.append("- ").append(f).append('\n'));
      for (Map.Entry<String, Integer> outcome : r.outcomes().entrySet()) {
        sb.append("- ended ")
            .append(outcome.getKey())
            .append(": ")
            .append(outcome.getValue())
            .append('\n');
      }
      if (r.reread() > 0) {
        sb.append("- records handed to the suite's reader a second time, counted once: ")
            .append(r.reread())
            .append('\n');
      }
      sb.append(r.conserved() ? "- conserved: yes\n" : "- conserved: NO\n");
    }
    return sb.toString();
  }
}
