package org.flipad.streams.cli;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flipad.streams.runtime.ServiceConfig;
import org.flipad.streams.runtime.WorkerRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flipad worker}: runs inversion workers against an external Kafka cluster and schema
 * registry until SIGTERM or Ctrl-C; each stops after its batch in progress commits.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs inversion workers against an external Kafka cluster and schema registry, with"
          + " /metrics, /live and /ready (ready once every model is loaded) on flipad.http.port,"
          + " until SIGTERM or Ctrl-C.",
      "",
      "Needs kafka.bootstrap.servers, flipad.registry.url and flipad.models. Each thread loads"
          + " its own copy of every detector. Exits 0 when stopped, 1 when a worker stops on its"
          + " own (fenced by a newer instance with the same id, or failed).",
      ""
    })
final class WorkerCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ServiceConfigOptions options = new ServiceConfigOptions();

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (flipad.worker.threads; default 1).")
  Integer threads;

  @Override
  public Integer call() throws IOException, InterruptedException {
    ServiceConfig config =
        options.load(
            threads == null ? Map.of() : Map.of("flipad.worker.threads", String.valueOf(threads)));
    if (options.printConfig) {
      ServiceConfigOptions.print(config, spec.commandLine().getOut());
      return 0;
    }
    try (WorkerRuntime runtime = WorkerRuntime.start(config)) {
      return RunUntilStopped.run(runtime::awaitTermination, runtime, spec.commandLine());
    }
  }
}
