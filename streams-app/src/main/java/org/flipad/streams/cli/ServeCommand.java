package org.flipad.streams.cli;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flipad.streams.runtime.ServeRuntime;
import org.flipad.streams.runtime.ServiceConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code flipad serve}: runs the screening service against an external Kafka cluster and schema
 * registry until SIGTERM or Ctrl-C, then closes it cleanly (Kafka Streams commits what is done).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the screening service (Kafka Streams) against an external Kafka cluster and schema"
          + " registry, with /metrics, /live and /ready on flipad.http.port, until SIGTERM or"
          + " Ctrl-C.",
      "",
      "Needs kafka.bootstrap.servers, flipad.registry.url and flipad.models; schemas must be"
          + " registered beforehand. Exits 0 when stopped, 1 when Kafka Streams fails.",
      ""
    })
final class ServeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ServiceConfigOptions options = new ServiceConfigOptions();

  @Override
  public Integer call() throws IOException, InterruptedException {
    ServiceConfig config = options.load(Map.of());
    if (options.printConfig) {
      ServiceConfigOptions.print(config, spec.commandLine().getOut());
      return 0;
    }
    try (ServeRuntime runtime = ServeRuntime.start(config)) {
      return RunUntilStopped.run(runtime::awaitTermination, runtime, spec.commandLine());
    }
  }
}
