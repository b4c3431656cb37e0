package org.flipad.streams.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flipad control ...}: signs operator commands, sends them and follows their jobs. */
@Command(
    name = "control",
    mixinStandardHelpOptions = true,
    description =
        "Signs a control command with your Ed25519 key (flipad keys generate), sends it to"
            + " flipad.control and follows its job on flipad.training.status with a progress bar."
            + " Exit code 0 when the job SUCCEEDED, 1 when it FAILED or was REJECTED, 2 on"
            + " timeout.",
    subcommands = {
      ControlRetrainCommand.class,
      ControlRegisterCommand.class,
      ControlActivateCommand.class,
      ControlRollbackCommand.class,
      ControlSetThresholdCommand.class,
      ControlDisableCommand.class,
      ControlEnableCommand.class,
      ControlStatusCommand.class
    })
final class ControlGroupCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
