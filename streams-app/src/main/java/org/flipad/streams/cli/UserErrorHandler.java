package org.flipad.streams.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints what the user did wrong and what to do, without a stack trace, for the errors a user
 * causes (bad files, shapes, values); anything else keeps its stack trace because it is a bug.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

  /** Exit code for invalid input (as sysexits' EX_DATAERR). */
  static final int INVALID_INPUT = 65;

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed)
      throws Exception {
    if (e instanceof IllegalArgumentException
        || e instanceof UncheckedIOException
        || e instanceof IOException) {
      String message =
          e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
      commandLine.getErr().println("flipad " + commandLine.getCommandName() + ": " + message);
      return INVALID_INPUT;
    }
    throw e;
  }
}
