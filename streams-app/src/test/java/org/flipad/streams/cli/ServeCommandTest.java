package org.flipad.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The configuration side of {@code flipad serve} and {@code flipad worker}: what they print and how
 * they refuse bad settings, before any Kafka client starts.
 */
class ServeCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    CommandLine root = FlipadCommand.commandLine();
    root.setOut(new PrintWriter(out, true));
    root.setErr(new PrintWriter(err, true));
    for (String name : List.of("serve", "worker")) {
      Object command = root.getSubcommands().get(name).getCommand();
      ServiceConfigOptions options =
          command instanceof ServeCommand serve ? serve.options : ((WorkerCommand) command).options;
      options.environment = () -> env;
    }
    return root.execute(args);
  }

  @Test
  void shouldPrintTheEffectiveConfigWithSecretsMasked() throws IOException {
    Path file = dir.resolve("serve.properties");
    Files.write(
        file,
        List.of(
            "kafka.bootstrap.servers=kafka:9092",
            "kafka.sasl.jaas.config=PlainLoginModule required password=\"hunter2\";",
            "flipad.screening.deadline.ms=2500"));

    int code =
        run(
            Map.of("FLIPAD_HTTP_PORT", "9001"),
            "serve",
            "--config",
            file.toString(),
            "-D",
            "flipad.topics.prefix=prod.",
            "--print-config");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("flipad.screening.deadline.ms = 2500  # file " + file)
        .contains("flipad.http.port = 9001  # env FLIPAD_HTTP_PORT")
        .contains("flipad.topics.prefix = prod.  # option -D flipad.topics.prefix")
        .contains("kafka.sasl.jaas.config = ********")
        .doesNotContain("hunter2");
  }

  @Test
  void shouldRefuseAnUnknownSettingWithExitCode65AndASuggestion() {
    int code = run(Map.of(), "serve", "-D", "flipad.http.prot=80", "--print-config");

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString())
        .startsWith("flipad serve: Unknown setting flipad.http.prot")
        .contains("did you mean flipad.http.port?");
  }

  @Test
  void shouldRefuseToServeWithoutBootstrapServers() {
    int code = run(Map.of("FLIPAD_REGISTRY_URL", "http://registry:8081"), "serve");

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains("kafka.bootstrap.servers is not set");
  }

  @Test
  void shouldRefuseToServeWithoutModels() {
    int code =
        run(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "127.0.0.1:1",
                "FLIPAD_REGISTRY_URL",
                "http://127.0.0.1:1"),
            "serve");

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains("flipad.models is empty");
  }

  @Test
  void shouldTakeTheWorkerThreadsFromTheOptionAndValidateThem() {
    int shown = run(Map.of(), "worker", "--threads", "3", "--print-config");
    assertThat(shown).isZero();
    assertThat(out.toString()).contains("flipad.worker.threads = 3");

    int refused = run(Map.of(), "worker", "--threads", "0", "--print-config");
    assertThat(refused).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString())
        .contains("flipad.worker.threads is '0'; it must be between 1 and 64");
  }

  @Test
  void shouldRefuseAWorkerWithoutARegistryUrl() {
    int code =
        run(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "127.0.0.1:1",
                "FLIPAD_MODELS",
                "dcgan-seed1=../models/detectors/dcgan-seed1.flipad-detector"),
            "worker");

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains("flipad.registry.url is not set");
  }
}
