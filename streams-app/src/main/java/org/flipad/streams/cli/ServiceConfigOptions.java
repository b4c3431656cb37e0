package org.flipad.streams.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.flipad.streams.runtime.ServiceConfig;
import picocli.CommandLine.Option;

/**
 * The configuration options {@code serve} and {@code worker} share: a properties file, {@code -D}
 * overrides and {@code --print-config}. The environment is read too ({@code FLIPAD_*}, {@code
 * KAFKA_*}).
 */
final class ServiceConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Java properties file with flipad.* settings and kafka.* client settings"
              + " (see docs/operations.md). Environment variables override it:"
              + " FLIPAD_HTTP_PORT sets flipad.http.port, KAFKA_BOOTSTRAP_SERVERS sets"
              + " kafka.bootstrap.servers.")
  Path file;

  @Option(
      names = {"-D", "--set"},
      paramLabel = "KEY=VALUE",
      description = "Sets one setting, overriding the file and the environment; repeatable.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--print-config",
      description =
          "Prints the effective settings and where each came from (secrets masked), then exits.")
  boolean printConfig;

  // Tests inject an environment; production reads the process's.
  Supplier<Map<String, String>> environment = System::getenv;

  /** Loads the configuration with {@code extra} overrides (from command options) added. */
  ServiceConfig load(Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    all.putAll(extra);
    return ServiceConfig.load(file, environment.get(), all);
  }

  /** Prints the effective settings. */
  static void print(ServiceConfig config, PrintWriter out) {
    config.describe().forEach(out::println);
    out.flush();
  }
}
