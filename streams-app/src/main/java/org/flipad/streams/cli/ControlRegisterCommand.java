package org.flipad.streams.cli;

import java.nio.file.Path;
import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flipad control register}. */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = "Registers a detector bundle as a new CANDIDATE version.")
final class ControlRegisterCommand extends SignedControlCommand {
  @Option(
      names = "--bundle",
      required = true,
      paramLabel = "FILE",
      description = "The detector bundle.")
  Path bundle;

  @Option(names = "--sha256", description = "Its expected sha256.")
  String sha256;

  @Override
  CommandType type() {
    return CommandType.REGISTER;
  }

  @Override
  void fill(ControlCommand.Builder c) {
    c.setBundleUri(bundle.toAbsolutePath().toUri().toString()).setBundleSha256(sha256);
  }
}
