package org.flipad.streams.cli;

import org.flipad.streams.api.ApiHttpServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code flipad <command>}. */
@Command(
    name = "flipad",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "FLIPAD Streams: single-model attribution of generated images.",
    subcommands = {
      TrainGeneratorCommand.class,
      SampleCommand.class,
      ImportGeneratorCommand.class,
      InvertCommand.class,
      EvaluateCommand.class,
      TrainDetectorCommand.class,
      AttributeCommand.class,
      ServeCommand.class,
      ConsoleCommand.class,
      WorkerCommand.class,
      BenchCommand.class,
      DemoCommand.class,
      ControlGroupCommand.class,
      TrainerCommand.class,
      KeysCommand.class,
      BrokerCommand.class,
      RegistryCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FlipadCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    ApiHttpServer.preferNoDelay();
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new FlipadCommand());
    commandLine.setExecutionExceptionHandler(new UserErrorHandler());
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
