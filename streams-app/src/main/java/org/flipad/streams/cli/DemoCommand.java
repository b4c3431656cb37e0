package org.flipad.streams.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.flipad.streams.demo.DemoAccuracy;
import org.flipad.streams.demo.DemoReport;
import org.flipad.streams.demo.DemoRun;
import org.flipad.streams.demo.DemoSettings;
import org.flipad.streams.demo.SourceScore;
import org.flipad.streams.runtime.OpsHttpSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flipad demo}: the whole service in one JVM on a stream of known uploads. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Starts an embedded Kafka broker (KRaft), the schema registry, the screening service and"
          + " inversion workers in this JVM, streams a mix of uploads (samples of the watched"
          + " generator and of others, real photos, bad inputs, re-uploads) and prints what"
          + " happened: decisions; per source (the watched generator, each other generator, real"
          + " photos) the share of correct decisions with a 95 %% Wilson interval, UNDECIDED counted"
          + " as wrong and re-uploads scored apart; agreement with the offline detector; dead"
          + " letters by reason and end-to-end latency.",
      "Exit code 1 when an upload did not end exactly once or a bad input got the wrong reason;"
          + " with --fail-below, exit code 3 when a source's share of correct decisions is below"
          + " RATE."
    })
final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--target",
      defaultValue = "dcgan-seed1",
      description = "The watched generator, a directory of --zoo (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(
      names = "--detector",
      paramLabel = "FILE",
      description = "Its detector bundle (default: models/detectors/TARGET.flipad-detector).")
  Path detector;

  @Option(
      names = "--zoo",
      paramLabel = "DIR",
      defaultValue = "models/zoo",
      description = "The generator bundles (default: ${DEFAULT-VALUE}).")
  Path zoo;

  @Option(
      names = "--others",
      split = ",",
      defaultValue = "ebgan-seed1,lsgan-seed1,wgan-gp-seed1,dcgan-seed2",
      description = "Other generators whose samples are sent (default: ${DEFAULT-VALUE}).")
  List<String> others;

  @Option(
      names = "--target-samples",
      defaultValue = "100",
      description = "Samples of the watched generator (default: ${DEFAULT-VALUE}).")
  int targetCount;

  @Option(
      names = "--other-samples",
      defaultValue = "25",
      description = "Samples of each other generator (default: ${DEFAULT-VALUE}).")
  int otherCount;

  @Option(
      names = "--real",
      defaultValue = "100",
      description = "Real Fashion-MNIST photos (default: ${DEFAULT-VALUE}).")
  int realCount;

  @Option(
      names = "--reuploads",
      defaultValue = "15",
      description =
          "Re-uploads of earlier images, answered from the cache (default: ${DEFAULT-VALUE}).")
  int reuploads;

  @Option(
      names = "--fnr",
      defaultValue = "0.05",
      description =
          "False-negative level the detector decides at; one of its calibrated levels 0, 0.001,"
              + " 0.005, 0.01, 0.05 (default: ${DEFAULT-VALUE}).")
  double fnr;

  @Option(
      names = "--rate",
      defaultValue = "10",
      description = "Uploads per second; 0 sends as fast as possible (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--workers",
      defaultValue = "1",
      description = "Inversion workers in this JVM (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--partitions",
      defaultValue = "2",
      description = "Partitions of the upload-path topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--deadline",
      defaultValue = "PT5M",
      description =
          "Per-upload deadline, ISO-8601. Longer than the service's 10 s so that no upload times"
              + " out on a slow or loaded machine and the figures do not depend on its load"
              + " (default: ${DEFAULT-VALUE}).")
  Duration deadline;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the draws and the order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--http-port",
      defaultValue = "0",
      description =
          "Port of /metrics, /live and /ready; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "Broker data and Streams state (default: a temporary directory, removed after).")
  Path workDir;

  @Option(
      names = "--gate-tnr-tolerance",
      defaultValue = "0.02",
      description =
          "The trainer's quality gate: how much less often than the active version a retrained"
              + " detector may refuse any source's images, before sampling slack (default:"
              + " ${DEFAULT-VALUE}).")
  double gateTnrTolerance;

  @Option(
      names = "--fail-below",
      paramLabel = "RATE",
      description =
          "Use the demo as a check: exit with code 3 when the share of correct decisions of any"
              + " source (TPR of the watched generator, TNR of every other source) is below RATE,"
              + " in [0, 1]. Also the bar the summary states; without this option the summary"
              + " states 0.97 and the exit code ignores accuracy.")
  Double failBelow;

  @Option(
      names = "--follow",
      description = "Keep running with a trickle of fresh uploads until Ctrl-C.")
  boolean follow;

  @Override
  public Integer call() throws IOException, InterruptedException {
    requireDirectory(zoo.resolve(target), "--zoo/--target");
    Path bundle =
        detector != null ? detector : Path.of("models/detectors", target + ".flipad-detector");
    if (!Files.isRegularFile(bundle)) {
      throw new IllegalArgumentException(
          "No detector bundle at "
              + bundle.toAbsolutePath()
              + ". Run from the repository root, pass --detector, or make one with flipad"
              + " train-detector --generator "
              + zoo.resolve(target)
              + " --negatives fashion-mnist-subset --out "
              + bundle);
    }
    boolean temporary = workDir == null;
    Path work = temporary ? Files.createTempDirectory("flipad-demo-") : workDir;
    DemoSettings settings =
        new DemoSettings(
            work,
            zoo,
            bundle,
            target,
            others,
            targetCount,
            otherCount,
            realCount,
            reuploads,
            fnr,
            rate,
            partitions,
            workers,
            deadline,
            seed,
            OpsHttpSettings.defaults().withBindAddress("127.0.0.1").withPort(httpPort),
            follow,
            gateTnrTolerance,
            failBelow != null ? failBelow : DemoAccuracy.DEFAULT_REQUIRED_RATE);
    PrintWriter out = spec.commandLine().getOut();
    DemoRun run = new DemoRun(settings, out, ConsoleProgressBar.on(spec.commandLine().getErr()));
    // The hook waits for the demo to close its stack, not for the main thread to end: main then
    // calls System.exit, which would wait for this hook.
    java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              run.requestStop();
              try {
                closed.await(60, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      DemoReport report = run.run();
      boolean consistent =
          report.ended() == report.sent()
              && report.duplicates() == 0
              && report.audits() == report.terminals().size()
              && report.deadLettersAsExpected()
                  == report.uploads().stream().filter(u -> u.expectedDeadLetter() != null).count();
      if (!consistent) {
        spec.commandLine()
            .getErr()
            .println(
                "The demo's bookkeeping failed: every upload must end exactly once, with one audit"
                    + " record, and every bad input with its reason. See the summary above.");
        return 1;
      }
      List<SourceScore> below =
          failBelow == null ? List.of() : report.accuracy().below(settings.requiredRate());
      if (!below.isEmpty()) {
        spec.commandLine()
            .getErr()
            .printf(
                "%d of %d sources have a share of correct decisions below %s (--fail-below): %s.%n",
                below.size(),
                report.accuracy().sources().size(),
                failBelow,
                String.join(", ", below.stream().map(SourceScore::source).toList()));
        return 3;
      }
      return 0;
    } finally {
      try {
        if (temporary) {
          deleteTree(work);
        }
      } finally {
        closed.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The JVM is already stopping (Ctrl-C or SIGTERM): the hook is running, nothing to undo.
        }
      }
    }
  }

  private static void requireDirectory(Path dir, String option) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "No generator bundle at "
              + dir.toAbsolutePath()
              + ". Run from the repository root or set "
              + option
              + ".");
    }
  }

  /** Deletes {@code root} and everything below it (the benchmarks' temporary work directories). */
  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
