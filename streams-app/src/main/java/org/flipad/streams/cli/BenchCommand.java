package org.flipad.streams.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flipad bench ...}: benchmarks. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks (speed is measured here, never in tests).",
    subcommands = {
      BenchInversionCommand.class,
      BenchExportLayerCommand.class,
      BenchStreamingCommand.class,
      BenchFaultsCommand.class,
      BenchLookupCommand.class
    })
final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
