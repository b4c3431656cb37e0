package org.flipad.streams.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes of one scenario: the broker, the registry, two {@code serve} and two {@code worker}
 * processes, each on free ports with the default configuration plus where the others are. {@link
 * #close} closes whatever was started, also when a later process failed to start.
 */
final class ScenarioProcesses {

  /** How long a process may take to start (or, for the broker, to start again). */
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final FaultSuite.Settings settings;
  private final Path dir;
  private final Path logs;
  private final List<FlipadProcess> all = new ArrayList<>();
  private final List<FlipadProcess> serves = new ArrayList<>();
  private final List<FlipadProcess> workers = new ArrayList<>();
  private FlipadProcess broker;
  private String bootstrap;
  private int registryPort;

  /**
   * @param dir where the broker's data, the state directories and the configuration go
   * @param logs where each process's log goes
   */
  ScenarioProcesses(FaultSuite.Settings settings, Path dir, Path logs) {
    this.settings = settings;
    this.dir = dir;
    this.logs = logs;
  }

  /** Starts every process and waits until each serve and worker is ready. */
  void start() throws IOException, InterruptedException {
    int brokerPort = freePort();
    registryPort = freePort();
    bootstrap = "127.0.0.1:" + brokerPort;
    broker =
        FlipadProcess.start(
            "broker",
            List.of(
                "broker",
                "--port",
                String.valueOf(brokerPort),
                "--data",
                dir.resolve("broker").toString(),
                "--create-topics",
                "--partitions",
                "2"),
            logs,
            null,
            null,
            settings.mainClass());
    all.add(broker);
    broker.awaitLogLine("bootstrap.servers=", START_TIMEOUT);
    FlipadProcess registry =
        FlipadProcess.start(
            "registry",
            List.of(
                "registry",
                "--port",
                String.valueOf(registryPort),
                "--bootstrap-servers",
                bootstrap,
                "--register-flipad-schemas"),
            logs,
            null,
            null,
            settings.mainClass());
    all.add(registry);
    registry.awaitLogLine("flipad registry:", START_TIMEOUT);
    Path config = writeConfig();
    for (int i = 1; i <= 2; i++) {
      int port = freePort();
      FlipadProcess serve =
          FlipadProcess.start(
              "serve-" + i,
              List.of(
                  "serve",
                  "--config",
                  config.toString(),
                  "-D",
                  "flipad.http.port=" + port,
                  "-D",
                  "flipad.state.dir=" + dir.resolve("state-" + i),
                  "-D",
                  "flipad.screening.instance=serve-" + i),
              logs,
              port,
              null,
              settings.mainClass());
      serves.add(serve);
      all.add(serve);
    }
    for (int i = 1; i <= 2; i++) {
      int port = freePort();
      FlipadProcess worker =
          FlipadProcess.start(
              "worker-" + i,
              List.of(
                  "worker",
                  "--config",
                  config.toString(),
                  "-D",
                  "flipad.http.port=" + port,
                  "-D",
                  "flipad.worker.id=worker-" + i,
                  "--threads",
                  "1"),
              logs,
              port,
              settings.workerJar(),
              settings.mainClass());
      workers.add(worker);
      all.add(worker);
    }
    for (FlipadProcess p : serves) {
      p.awaitReady(START_TIMEOUT);
    }
    for (FlipadProcess p : workers) {
      p.awaitReady(START_TIMEOUT);
    }
  }

  /** The broker's {@code bootstrap.servers}. */
  String bootstrap() {
    return bootstrap;
  }

  int registryPort() {
    return registryPort;
  }

  FlipadProcess broker() {
    return broker;
  }

  List<FlipadProcess> serves() {
    return serves;
  }

  List<FlipadProcess> workers() {
    return workers;
  }

  private Path writeConfig() throws IOException {
    String text =
        String.join(
            "\n",
            "# written by flipad bench faults: the defaults, plus where the broker, registry and",
            "# model are",
            "kafka.bootstrap.servers=" + bootstrap,
            "flipad.registry.url=http://127.0.0.1:" + registryPort,
            "flipad.models=" + modelId() + "=" + settings.detector().toAbsolutePath(),
            "flipad.http.bind=127.0.0.1",
            "");
    Path config = dir.resolve("flipad.properties");
    Files.writeString(config, text, StandardCharsets.UTF_8);
    return config;
  }

  private String modelId() {
    String file = settings.detector().getFileName().toString();
    int dot = file.indexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Closes every process started, in the order they started. Called from a finally block rather
   * than through AutoCloseable: try-with-resources could suppress its InterruptedException.
   */
  void close() throws InterruptedException {
    for (FlipadProcess p : all) {
      p.close();
    }
  }
}
