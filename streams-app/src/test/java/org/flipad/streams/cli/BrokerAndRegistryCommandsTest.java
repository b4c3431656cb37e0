package org.flipad.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code flipad broker} and {@code flipad registry} as an operator starts them: the broker creates
 * the FLIPAD topics, the registry keeps its schemas in that broker and registers FLIPAD's; both
 * stop and release their ports when their thread is interrupted.
 */
class BrokerAndRegistryCommandsTest {

  @TempDir Path work;

  /** A command running on its own thread, with its stdout. */
  private record Running(Thread thread, StringWriter out) {

    String line(Pattern pattern) {
      Matcher[] found = new Matcher[1];
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                Matcher m = pattern.matcher(out.toString());
                found[0] = m;
                return m.find();
              });
      return found[0].group(1);
    }

    void stop() throws InterruptedException {
      thread.interrupt();
      thread.join(30_000);
      assertThat(thread.isAlive()).isFalse();
    }
  }

  private static Running start(String... args) {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new FlipadCommand());
    command.setOut(new PrintWriter(out, true));
    Thread thread = new Thread(() -> command.execute(args), "command-" + args[0]);
    thread.start();
    return new Running(thread, out);
  }

  @Test
  @Timeout(120)
  void shouldServeTopicsAndSchemasUntilInterrupted() throws Exception {
    Running broker =
        start(
            "broker",
            "--port",
            "0",
            "--data",
            work.resolve("kafka").toString(),
            "--create-topics",
            "--partitions",
            "3");
    String bootstrap = broker.line(Pattern.compile("bootstrap\\.servers=(\\S+),"));
    try (Admin admin =
        Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      assertThat(admin.listTopics().names().get())
          .contains("flipad.uploads", "flipad.uploads.by-id", "flipad.inversion.results");
      assertThat(
              admin
                  .describeTopics(List.of("flipad.uploads.by-id"))
                  .allTopicNames()
                  .get()
                  .get("flipad.uploads.by-id")
                  .partitions())
          .hasSize(3);
    }

    Running registry =
        start(
            "registry",
            "--port",
            "0",
            "--bootstrap-servers",
            bootstrap,
            "--register-flipad-schemas");
    String url = registry.line(Pattern.compile("flipad registry: (\\S+),"));
    HttpResponse<String> subjects =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(subjects.statusCode()).isEqualTo(200);
    assertThat(subjects.body()).contains("flipad.uploads-value", "flipad.control-value");

    registry.stop();
    broker.stop();
  }
}
