package org.flipad.streams.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flipad.streams.runtime.EmbeddedKafkaBroker;
import org.flipad.streams.topic.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flipad broker}: the embedded single-node Kafka broker (KRaft) that {@code flipad demo}
 * uses, on a fixed port, until SIGTERM or Ctrl-C: for developers of producers and consumers in
 * other languages, and for running {@code serve}, {@code worker} and {@code trainer} as separate
 * processes on one machine. Not for production (one node, no replication, no security).
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a single-node Kafka broker (KRaft, PLAINTEXT on 127.0.0.1) with its data in --data,"
          + " until SIGTERM or Ctrl-C. With --create-topics it creates every FLIPAD topic first.",
      "",
      "For development and tests on one machine: one node, no replication, no security.",
      ""
    })
final class BrokerCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "9092",
      description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--data",
      defaultValue = "flipad-broker-data",
      description =
          "Folder of the broker's logs; kept across restarts (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--create-topics",
      description = "Create every FLIPAD topic (default names) that does not exist yet.")
  boolean createTopics;

  @Option(
      names = "--partitions",
      defaultValue = "2",
      description =
          "Partitions of the upload-path topics with --create-topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Override
  public Integer call() throws Exception {
    if (partitions < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--partitions must be at least 1, got " + partitions);
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data.toAbsolutePath(), port);
    if (createTopics) {
      broker.createTopics(Topics.defaults().specs(partitions));
    }
    spec.commandLine()
        .getOut()
        .printf(
            "flipad broker: bootstrap.servers=%s, data in %s%s. Ctrl-C stops it.%n",
            broker.bootstrapServers(),
            broker.workDir(),
            createTopics ? ", FLIPAD topics created with " + partitions + " partitions" : "");
    spec.commandLine().getOut().flush();
    return RunUntilStopped.holdOpen(spec.commandLine(), broker);
  }
}
