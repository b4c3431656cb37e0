package org.flipad.streams;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the Node scripts under {@code src/test/node} that drive npm clients FLIPAD did not write
 * (Kafka and schema-registry clients). Tests skip when {@code node} or a package is missing, unless
 * {@code FLIPAD_REQUIRE_NPM_INTEROP=1} (as {@code .ci/run} sets) turns the skip into a failure.
 */
public final class NodeScripts {

  /** The folder of the scripts and their {@code package.json}. */
  public static final Path NODE_DIR = Path.of("src", "test", "node").toAbsolutePath();

  private static final String REQUIRE_ENV = "FLIPAD_REQUIRE_NPM_INTEROP";

  private final Path node;
  private final Path outputs;
  private final long timeoutSeconds;

  private NodeScripts(Path node, Path outputs, long timeoutSeconds) {
    this.node = node;
    this.outputs = outputs;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Finds {@code node} and checks that {@code packages} are installed; skips (or fails, see the
   * class comment) the calling test when one is missing.
   *
   * @param outputs where each run's stdout and stderr files go
   */
  public static NodeScripts require(List<String> packages, Path outputs, long timeoutSeconds) {
    String path = System.getenv().getOrDefault("PATH", "");
    Path found =
        Arrays.stream(path.split(File.pathSeparator))
            .filter(dir -> !dir.isBlank())
            .map(dir -> Path.of(dir, "node"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    requireOrSkip(
        found != null,
        "`node` is not on the PATH; install Node.js 20+ (e.g. apt-get install nodejs npm).");
    for (String name : packages) {
      requireOrSkip(
          Files.isRegularFile(
              NODE_DIR.resolve("node_modules").resolve(name).resolve("package.json")),
          "npm package "
              + name
              + " is not installed under "
              + NODE_DIR
              + "; run `npm ci --prefix streams-app/src/test/node` from the repository root.");
    }
    return new NodeScripts(found, outputs, timeoutSeconds);
  }

  /** The outcome of one run of a script. */
  public record Run(String command, int exitCode, String stdout, String stderr) {

    /** This run, after failing the test when the script did not exit with 0. */
    public Run succeeded() {
      if (exitCode != 0) {
        fail(
            "Node script `%s` exited with %d.%nstdout: %s%nstderr: %s",
            command, exitCode, stdout, stderr);
      }
      return this;
    }

    /** stdout's non-blank lines. */
    public List<String> lines() {
      return stdout.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  /**
   * Runs {@code script} with {@code args} in {@link #NODE_DIR}; {@code label} names the output
   * files.
   */
  public Run run(String label, String script, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(node.toString(), script));
    command.addAll(Arrays.asList(args));
    Path out = outputs.resolve(label + ".stdout");
    Path err = outputs.resolve(label + ".stderr");
    // Output goes to files, not pipes: a chatty child can never block on a full pipe buffer.
    Process process =
        new ProcessBuilder(command)
            .directory(NODE_DIR.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("Node script `%s` did not finish in %d s", String.join(" ", command), timeoutSeconds);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + command, e);
    }
    return new Run(
        String.join(" ", command),
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static void requireOrSkip(boolean available, String reason) {
    if (available) {
      return;
    }
    if ("1".equals(System.getenv(REQUIRE_ENV))) {
      fail(reason + " " + REQUIRE_ENV + "=1 is set, so the npm interop tests may not be skipped.");
    }
    Assumptions.abort(
        reason + " Skipping the npm interop test (set " + REQUIRE_ENV + "=1 to fail instead).");
  }
}
