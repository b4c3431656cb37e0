package org.flipad.streams.cli;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;

/**
 * Keeps a long-running command in the foreground: a shutdown hook (SIGTERM, Ctrl-C) closes the
 * runtime, which ends the wait; a failure of the runtime ends it too and becomes exit code 1.
 */
final class RunUntilStopped {

  /** Exit code when the runtime stopped by itself on a failure. */
  static final int FAILED = 1;

  private RunUntilStopped() {}

  /** What a long-running command waits on: empty when closed, else why it stopped by itself. */
  @FunctionalInterface
  interface Termination {
    Optional<String> await() throws InterruptedException;
  }

  /**
   * Keeps {@code resources} open until SIGTERM or Ctrl-C, or until this thread is interrupted (a
   * command embedded in a test); then closes them once, in order, so their ports are released.
   */
  static int holdOpen(CommandLine commandLine, AutoCloseable... resources) throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    AtomicBoolean stopped = new AtomicBoolean();
    AutoCloseable all =
        () -> {
          if (stopped.compareAndSet(false, true)) {
            for (AutoCloseable resource : resources) {
              resource.close();
            }
            closed.countDown();
          }
        };
    try {
      return run(
          () -> {
            closed.await();
            return Optional.empty();
          },
          all,
          commandLine);
    } finally {
      all.close();
    }
  }

  /** Waits for {@code termination}; closes {@code runtime} on JVM shutdown. */
  static int run(Termination termination, AutoCloseable runtime, CommandLine commandLine)
      throws InterruptedException {
    Thread hook =
        new Thread(
            () -> {
              try {
                runtime.close();
              } catch (Exception e) {
                // The JVM is exiting; printing is all that is left to do.
                e.printStackTrace();
              }
            },
            "flipad-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Optional<String> failure = termination.await();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and the hook is closing the runtime: nothing to undo.
    }
    if (failure.isPresent()) {
      commandLine.getErr().println("flipad " + commandLine.getCommandName() + ": " + failure.get());
      commandLine.getErr().flush();
      return FAILED;
    }
    return 0;
  }
}
