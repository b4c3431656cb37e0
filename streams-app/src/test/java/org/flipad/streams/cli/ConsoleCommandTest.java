package org.flipad.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.flipad.streams.console.PasswordHash;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code flipad console}: password hashes, and its refusals before any Kafka client starts. */
class ConsoleCommandTest {

  private static final Map<String, String> CLUSTER =
      Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "FLIPAD_REGISTRY_URL", "http://127.0.0.1:1");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String stdin, String... args) {
    CommandLine root = FlipadCommand.commandLine();
    root.setOut(new PrintWriter(out, true));
    root.setErr(new PrintWriter(err, true));
    ConsoleCommand console = (ConsoleCommand) root.getSubcommands().get("console").getCommand();
    console.options.environment = () -> CLUSTER;
    console.in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    ((ServeCommand) root.getSubcommands().get("serve").getCommand()).options.environment =
        () -> CLUSTER;
    return root.execute(args);
  }

  @Test
  void shouldPrintAHashOfThePasswordOnStandardInput() {
    int code = run("a long enough password\n", "console", "--hash-password");

    assertThat(code).isZero();
    PasswordHash hash = PasswordHash.parse(out.toString().trim());
    assertThat(hash.matches("a long enough password")).isTrue();
    assertThat(out.toString()).doesNotContain("password");
  }

  @Test
  void shouldRefuseAShortPassword() {
    int code = run("short\n", "console", "--hash-password");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("at least 12 characters");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldRefuseToStartWithoutUsers() {
    int code = run("", "console");

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains("The console has no users, so nobody could log in");
  }

  @Test
  void shouldRefuseAConsoleWithoutTheApiAndABadUserEntry() {
    assertThat(run("", "serve", "-D", "flipad.console.enabled=true"))
        .isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains("flipad.api.enabled is off");

    assertThat(run("", "console", "-D", "flipad.console.users=alice:admin:x"))
        .isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString())
        .contains("flipad.console.users: Unknown console role 'admin'; use reviewer or viewer");
  }

  @Test
  void shouldTurnTheApiAndConsoleOnAndMaskTheUsers() {
    String user = "alice:reviewer:" + PasswordHash.of("alice-password").encoded();

    int code = run("", "console", "-D", "flipad.console.users=" + user, "--print-config");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("flipad.api.enabled = true")
        .contains("flipad.console.enabled = true")
        .contains("flipad.console.users = ********")
        .doesNotContain("pbkdf2");
  }
}
