package org.flipad.streams.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flipad.streams.console.PasswordHash;
import org.flipad.streams.runtime.ConfigKeys;
import org.flipad.streams.runtime.ServeRuntime;
import org.flipad.streams.runtime.ServiceConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flipad console}: {@code flipad serve} with the lookup API and the review console on, since
 * the console reads the service's own stores; or, with {@code --hash-password}, the hash of a
 * password for {@code flipad.console.users}.
 */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the screening service as 'flipad serve' does, with the lookup API and the review"
          + " console on (flipad.api.enabled and flipad.console.enabled forced true): reviewers"
          + " open http://HOST:PORT/console/ (flipad.api.bind and flipad.api.port) and log in as"
          + " one of flipad.console.users.",
      "",
      "--hash-password reads a password from standard input and prints its hash for"
          + " flipad.console.users, e.g.: flipad console --hash-password < pw.txt",
      ""
    })
final class ConsoleCommand implements Callable<Integer> {

  /** Shortest password accepted by --hash-password. */
  static final int MIN_PASSWORD = 12;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ServiceConfigOptions options = new ServiceConfigOptions();

  @Option(
      names = "--hash-password",
      description =
          "Read one line (the password, at least "
              + MIN_PASSWORD
              + " characters) from standard input, print its PBKDF2 hash and exit.")
  boolean hashPassword;

  // Tests give the password here; the command reads the process's standard input.
  InputStream in = System.in;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (hashPassword) {
      return hash();
    }
    ServiceConfig config =
        options.load(
            Map.of(
                ConfigKeys.API_ENABLED.name(), "true", ConfigKeys.CONSOLE_ENABLED.name(), "true"));
    if (options.printConfig) {
      ServiceConfigOptions.print(config, spec.commandLine().getOut());
      return 0;
    }
    try (ServeRuntime runtime = ServeRuntime.start(config)) {
      runtime
          .console()
          .ifPresent(c -> spec.commandLine().getOut().printf("Review console on %s%n", c.uri()));
      spec.commandLine().getOut().flush();
      return RunUntilStopped.run(runtime::awaitTermination, runtime, spec.commandLine());
    }
  }

  private int hash() throws IOException {
    String password =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    if (password == null || password.length() < MIN_PASSWORD) {
      spec.commandLine()
          .getErr()
          .printf(
              "Give a password of at least %d characters on standard input (one line), e.g."
                  + " flipad console --hash-password < pw.txt%n",
              MIN_PASSWORD);
      return 2;
    }
    spec.commandLine().getOut().println(PasswordHash.of(password).encoded());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
