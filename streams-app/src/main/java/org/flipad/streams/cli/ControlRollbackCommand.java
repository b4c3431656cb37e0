package org.flipad.streams.cli;

import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flipad control rollback}. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = "Reactivates the previous version (or --to).")
final class ControlRollbackCommand extends SignedControlCommand {
  @Option(
      names = "--to",
      description = "The version to return to (default: the active one's previous).")
  Integer to;

  @Override
  CommandType type() {
    return CommandType.ROLLBACK;
  }

  @Override
  void fill(ControlCommand.Builder c) {
    c.setVersion(to);
  }
}
