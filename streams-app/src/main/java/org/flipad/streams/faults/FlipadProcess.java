package org.flipad.streams.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code flipad} command running as its own OS process (same Java, same class path), its output
 * in a log file. The suite kills it with SIGKILL, pauses it with SIGSTOP, and restarts it with the
 * same arguments, as an orchestrator or an operator would.
 */
final class FlipadProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final List<String> arguments;
  private final Path log;
  private final Integer httpPort;
  private final String classPath;
  private final String mainClass;
  private Process process;

  /** Whether the suite has killed, stopped or closed it on purpose (so it may be down). */
  private volatile boolean downOnPurpose;

  private FlipadProcess(
      String name,
      List<String> arguments,
      Path log,
      Integer httpPort,
      String classPath,
      String mainClass) {
    this.classPath = classPath;
    this.mainClass = mainClass;
    this.name = name;
    this.arguments = List.copyOf(arguments);
    this.log = log;
    this.httpPort = httpPort;
  }

  /**
   * Starts {@code flipad <arguments>}.
   *
   * @param name the process's name in the report and its log file's name
   * @param arguments the flipad command and its options
   * @param logDirectory where {@code <name>.log} is appended to (restarts append)
   * @param httpPort the process's ops port, whose {@code /ready} tells it is up; null for none
   * @param jar another build's {@code flipad.jar} to run instead of this one, or null
   * @param mainClass the class whose {@code main} is the flipad command line
   */
  static FlipadProcess start(
      String name,
      List<String> arguments,
      Path logDirectory,
      Integer httpPort,
      Path jar,
      String mainClass)
      throws IOException {
    String classPath =
        jar == null ? System.getProperty("java.class.path") : jar.toAbsolutePath().toString();
    FlipadProcess started =
        new FlipadProcess(
            name, arguments, logDirectory.resolve(name + ".log"), httpPort, classPath, mainClass);
    started.launch();
    return started;
  }

  String name() {
    return name;
  }

  private void launch() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // Small heaps: seven JVMs share the machine, and none of them holds much.
    command.add("-Xmx768m");
    command.add("-Dai.djl.offline=true");
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(arguments);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command);
    // The processes run with the defaults plus what the suite sets: FLIPAD_* and KAFKA_* variables
    // of the caller's environment would change their configuration (or, unknown, stop them).
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("FLIPAD_") || name.startsWith("KAFKA_"));
    process =
        builder
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
  }

  /** Starts the process again with the same arguments (after {@link #kill}). */
  void restart() throws IOException {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running; kill it before restarting.");
    }
    launch();
    downOnPurpose = false;
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook runs. Waits until the process is gone. */
  void kill() throws InterruptedException {
    downOnPurpose = true;
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGSTOP: the process freezes, its connections stay open, its heartbeats stop. */
  void pause() throws IOException, InterruptedException {
    downOnPurpose = true;
    signal("STOP");
  }

  /** SIGCONT after {@link #pause}. */
  void resume() throws IOException, InterruptedException {
    signal("CONT");
    downOnPurpose = false;
  }

  /** Whether the suite has taken it down on purpose and not yet brought it back. */
  boolean downOnPurpose() {
    return downOnPurpose;
  }

  /** Whether the process has exited although the suite did not stop it. */
  boolean exitedUnexpectedly() {
    return !downOnPurpose && !process.isAlive();
  }

  /** One probe of {@code /ready}: true on 200 within a second. */
  boolean ready() {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(readyUri()).timeout(Duration.ofSeconds(1)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private URI readyUri() {
    return URI.create("http://127.0.0.1:" + httpPort + "/ready");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + signal + " " + process.pid() + " (" + name + ") failed");
    }
  }

  /**
   * Waits until the log holds {@code fragment} (written since the last start or earlier).
   *
   * @throws IOException when the process exits first or {@code timeout} passes, quoting its log
   */
  void awaitLogLine(String fragment, Duration timeout) throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(fragment)) {
        return;
      }
      failIfExited();
      Thread.sleep(200);
    }
    throw new IOException(
        name + " did not print \"" + fragment + "\" within " + timeout + "; see " + log);
  }

  /** Waits until {@code /ready} answers 200. */
  void awaitReady(Duration timeout) throws IOException, InterruptedException {
    URI ready = readyUri();
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      failIfExited();
      try {
        HttpResponse<Void> response =
            HTTP.send(
                HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IOException(name + " was not ready within " + timeout + "; see " + log);
  }

  private void failIfExited() throws IOException {
    if (!process.isAlive()) {
      throw new IOException(
          name + " exited with code " + process.exitValue() + " while starting; see " + log);
    }
  }

  /** SIGTERM, then SIGKILL if it has not exited within 20 s. */
  @Override
  public void close() throws InterruptedException {
    downOnPurpose = true;
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
