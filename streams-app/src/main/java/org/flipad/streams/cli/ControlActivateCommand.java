package org.flipad.streams.cli;

import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flipad control activate}. */
@Command(
    name = "activate",
    mixinStandardHelpOptions = true,
    description = "Makes a version the ACTIVE one.")
final class ControlActivateCommand extends SignedControlCommand {
  @Option(names = "--version", required = true, description = "The version.")
  int version;

  @Override
  CommandType type() {
    return CommandType.ACTIVATE;
  }

  @Override
  void fill(ControlCommand.Builder c) {
    c.setVersion(version);
  }
}
