package org.flipad.streams.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import org.flipad.core.progress.ProgressListener;
import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;
import org.flipad.schema.TrainingState;
import org.flipad.schema.TrainingStatus;
import org.flipad.streams.control.CommandDrafts;
import org.flipad.streams.control.CommandSigner;
import org.flipad.streams.control.ControlClient;
import org.flipad.streams.control.KeyFiles;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.topic.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * A signed control command: builds it from the options, signs it with the operator's key, sends it
 * to flipad.control and follows its job on flipad.training.status with a progress bar. Exit code 0
 * when the job SUCCEEDED, 1 when it FAILED or was REJECTED, 2 on timeout.
 */
abstract class SignedControlCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ControlConnection connection;

  abstract CommandType type();

  abstract void fill(ControlCommand.Builder command);

  @Override
  public Integer call() throws IOException {
    String keyId =
        connection.keyId != null
            ? connection.keyId
            : connection.key.getFileName().toString().replaceFirst("\\.key$", "");
    CommandSigner signer = new CommandSigner(KeyFiles.readPrivateKey(connection.key), keyId);
    Topics topics = Topics.defaults().withPrefix(connection.topicPrefix);
    ControlSerdes serdes =
        ControlSerdes.create(
            HttpSchemaRegistryClient.create(
                HttpRegistryClientSettings.defaults(connection.registryUrl)),
            AvroSerdeSettings.defaults());
    ControlClient client =
        new ControlClient(
            Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers),
            topics,
            serdes,
            signer);
    ControlCommand.Builder command = blank(type(), connection);
    fill(command);
    ControlCommand sent = client.send(command.build());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Sent %s %s for %s%n", type(), sent.getCommandId(), sent.getModelId());
    out.flush();
    ProgressListener bar = ConsoleProgressBar.on(spec.commandLine().getErr());
    bar.start(type().name().toLowerCase(Locale.ROOT), 100);
    TrainingStatus last =
        client.follow(
            sent.getCommandId(),
            connection.timeout,
            status -> {
              long percent = status.getPercent() == null ? 0 : Math.round(status.getPercent());
              bar.advance(
                  percent,
                  status.getState() + (status.getReason() == null ? "" : " " + status.getReason()));
            });
    if (last == null || !ControlClient.terminal(last.getState())) {
      bar.finish("no end in sight");
      out.printf(
          "No final status within %s; the job may still run (flipad.training.status, key %s).%n",
          connection.timeout, sent.getCommandId());
      return 2;
    }
    bar.finish(last.getState().name());
    out.printf(
        "%s%s%s%n",
        last.getState(),
        last.getModelVersion() == null
            ? ""
            : ": " + sent.getModelId() + "@" + last.getModelVersion(),
        last.getReason() == null ? "" : " — " + last.getReason());
    return last.getState() == TrainingState.SUCCEEDED ? 0 : 1;
  }

  static ControlCommand.Builder blank(CommandType type, ControlConnection connection) {
    return CommandDrafts.blank(type, connection.model, connection.issuer, Instant.now())
        .setNote(connection.note);
  }
}
