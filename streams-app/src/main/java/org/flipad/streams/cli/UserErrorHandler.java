package org.flipad.streams.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.flipad.core.data.ImageRejection;
import org.flipad.core.generator.training.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints what the user did wrong and what to do, on one line and without a stack trace, for the
 * errors a user causes (bad files, shapes, values, refused images); anything else keeps its stack
 * trace because it is a bug.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

  /** Exit code for invalid input (as sysexits' EX_DATAERR). */
  static final int INVALID_INPUT = 65;

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed)
      throws Exception {
    if (e instanceof IllegalArgumentException
        || e instanceof UncheckedIOException
        || e instanceof IOException
        || e instanceof ImageRejection
        || e instanceof TrainingDivergedException) {
      String message = describe(e).replaceAll("\\s*\\R\\s*", " ");
      commandLine.getErr().println("flipad " + commandLine.getCommandName() + ": " + message);
      commandLine.getErr().flush();
      return INVALID_INPUT;
    }
    throw e;
  }

  private static String describe(Throwable e) {
    if (e instanceof UncheckedIOException u) {
      return describe(u.getCause());
    }
    if (e instanceof NoSuchFileException n && n.getReason() == null) {
      return n.getFile() + " does not exist. Check the path.";
    }
    if (e instanceof ImageRejection r) {
      return r.getMessage() + " (reason " + r.reason() + ")";
    }
    return e.getMessage();
  }
}
