package org.flipad.streams.cli;

import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;
import picocli.CommandLine.Command;

/** {@code flipad control disable}. */
@Command(
    name = "disable",
    mixinStandardHelpOptions = true,
    description = "Stops screening for the model.")
final class ControlDisableCommand extends SignedControlCommand {
  @Override
  CommandType type() {
    return CommandType.DISABLE;
  }

  @Override
  void fill(ControlCommand.Builder c) {}
}
