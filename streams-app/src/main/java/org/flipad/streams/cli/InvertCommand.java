package org.flipad.streams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code flipad invert}: placeholder replaced below. */
@Command(name = "invert", mixinStandardHelpOptions = true, description = "Invert images.")
final class InvertCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
