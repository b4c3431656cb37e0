package org.flipad.streams.cli;

import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flipad control set-threshold}. */
@Command(
    name = "set-threshold",
    mixinStandardHelpOptions = true,
    description = "Changes the active version's FNR level or sets an explicit score threshold.")
final class ControlSetThresholdCommand extends SignedControlCommand {
  @Option(names = "--fnr", description = "A calibrated level: 0, 0.001, 0.005, 0.01, 0.05.")
  Double fnr;

  @Option(names = "--score", description = "An explicit score threshold.")
  Double score;

  @Override
  CommandType type() {
    return CommandType.SET_THRESHOLD;
  }

  @Override
  void fill(ControlCommand.Builder c) {
    c.setFnr(fnr).setScoreThreshold(score);
  }
}
