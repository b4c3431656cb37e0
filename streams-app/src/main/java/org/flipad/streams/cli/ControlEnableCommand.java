package org.flipad.streams.cli;

import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;
import picocli.CommandLine.Command;

/** {@code flipad control enable}. */
@Command(
    name = "enable",
    mixinStandardHelpOptions = true,
    description = "Screens for the model again (its last disabled version).")
final class ControlEnableCommand extends SignedControlCommand {
  @Override
  CommandType type() {
    return CommandType.ENABLE;
  }

  @Override
  void fill(ControlCommand.Builder c) {}
}
