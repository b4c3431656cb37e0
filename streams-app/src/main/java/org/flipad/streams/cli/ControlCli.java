package org.flipad.streams.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
      ControlCli.Retrain.class,
      ControlCli.Register.class,
      ControlCli.Activate.class,
      ControlCli.Rollback.class,
      ControlCli.SetThreshold.class,
      ControlCli.Disable.class,
      ControlCli.Enable.class,
      ControlCli.Status.class
    })
final class ControlCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every control command takes. */
  static final class Connection {
    @Option(
        names = "--bootstrap-servers",
        required = true,
        description = "Kafka bootstrap servers, e.g. 127.0.0.1:9092.")
    String bootstrapServers;

    @Option(
        names = "--registry-url",
        required = true,
        description = "Schema registry URL, e.g. http://127.0.0.1:8081.")
    URI registryUrl;

    @Option(
        names = "--key",
        required = true,
        paramLabel = "FILE",
        description = "Your private key (ID.key).")
    Path key;

    @Option(names = "--key-id", description = "Key id (default: the key file's name without .key).")
    String keyId;

    @Option(names = "--model", required = true, description = "The model id, e.g. dcgan-seed1.")
    String model;

    @Option(names = "--issuer", description = "Who issues the command (default: the user name).")
    String issuer = System.getProperty("user.name", "operator");

    @Option(names = "--note", description = "Why; kept in the audit trail.")
    String note;

    @Option(
        names = "--timeout",
        defaultValue = "PT30M",
        description = "How long to follow the job, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
        names = "--topic-prefix",
        defaultValue = "",
        description = "Prefix of every topic name.")
    String topicPrefix;
  }

  /** Shared: build, sign, send, follow. */
  abstract static class Base implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Connection connection;

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
                    status.getState()
                        + (status.getReason() == null ? "" : " " + status.getReason()));
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
  }

  static ControlCommand.Builder blank(CommandType type, Connection connection) {
    return CommandDrafts.blank(type, connection.model, connection.issuer, Instant.now())
        .setNote(connection.note);
  }

  @Command(
      name = "retrain",
      mixinStandardHelpOptions = true,
      description =
          "Trains a new detector version; it replaces the active one if it passes the quality gate.")
  static final class Retrain extends Base {
    @Option(
        names = "--generator",
        required = true,
        paramLabel = "DIR",
        description = "The generator bundle.")
    Path generator;

    @Option(
        names = "--negatives",
        description =
            "fashion-mnist-subset (default), fashion-mnist, an image folder or a generator bundle.")
    String negatives;

    @Option(names = "--train", description = "Training images per class (default 1000).")
    Integer train;

    @Option(names = "--validation", description = "Held-out target images (default 200).")
    Integer validation;

    @Option(names = "--epochs", description = "DeepSAD epochs (default 10).")
    Integer epochs;

    @Option(
        names = "--fnr",
        description = "False-negative level the new version decides at (default 0.005).")
    Double fnr;

    @Option(names = "--seed", description = "Seed (default 1).")
    Long seed;

    @Option(
        names = "--feedback-since",
        description =
            "Also train on reviewers' feedback from this instant (ISO-8601, e.g."
                + " 2026-11-29T00:00:00Z) to now: overturned uploads become negatives.")
    Instant feedbackSince;

    @Override
    CommandType type() {
      return CommandType.RETRAIN;
    }

    @Override
    void fill(ControlCommand.Builder c) {
      c.setGeneratorBundleUri(generator.toAbsolutePath().toUri().toString())
          .setNegativesDatasetUri(negatives)
          .setTrainingSamples(train)
          .setValidationSamples(validation)
          .setEpochs(epochs)
          .setFnr(fnr)
          .setSeed(seed)
          .setFeedbackSince(feedbackSince);
    }
  }

  @Command(
      name = "register",
      mixinStandardHelpOptions = true,
      description = "Registers a detector bundle as a new CANDIDATE version.")
  static final class Register extends Base {
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

  @Command(
      name = "activate",
      mixinStandardHelpOptions = true,
      description = "Makes a version the ACTIVE one.")
  static final class Activate extends Base {
    @Option(names = "--version", required = true, description = "The version.")
    int version;

    @Override
    CommandType type() {
      return CommandType.ACTIVATE;
    }

    @Override
    void fill(ControlCommand.Builder c) {
      c.setVersion(version);
    }
  }

  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = "Reactivates the previous version (or --to).")
  static final class Rollback extends Base {
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

  @Command(
      name = "set-threshold",
      mixinStandardHelpOptions = true,
      description = "Changes the active version's FNR level or sets an explicit score threshold.")
  static final class SetThreshold extends Base {
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

  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Stops screening for the model.")
  static final class Disable extends Base {
    @Override
    CommandType type() {
      return CommandType.DISABLE;
    }

    @Override
    void fill(ControlCommand.Builder c) {}
  }

  @Command(
      name = "enable",
      mixinStandardHelpOptions = true,
      description = "Screens for the model again (its last disabled version).")
  static final class Enable extends Base {
    @Override
    CommandType type() {
      return CommandType.ENABLE;
    }

    @Override
    void fill(ControlCommand.Builder c) {}
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Prints every version of the watched models (state, threshold, AUROC, who changed it)"
              + " as flipad.models says, and the latest job of each recent command.")
  static final class Status implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--bootstrap-servers",
        required = true,
        description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--registry-url", required = true, description = "Schema registry URL.")
    URI registryUrl;

    @Option(names = "--model", description = "Only this model id.")
    String model;

    @Option(
        names = "--topic-prefix",
        defaultValue = "",
        description = "Prefix of every topic name.")
    String topicPrefix;

    @Override
    public Integer call() throws InterruptedException {
      Topics topics = Topics.defaults().withPrefix(topicPrefix);
      ControlSerdes serdes =
          ControlSerdes.create(
              HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registryUrl)),
              AvroSerdeSettings.defaults());
      Map<String, Object> client =
          Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      PrintWriter out = spec.commandLine().getOut();
      try (org.flipad.streams.control.ModelsFollower follower =
          new org.flipad.streams.control.ModelsFollower(client, topics.models(), serdes.models())) {
        follower.start();
        if (!follower.awaitCaughtUp(Duration.ofSeconds(30))) {
          out.println("flipad.models could not be read within 30 s; check --bootstrap-servers.");
          return 1;
        }
        var versions = follower.versions();
        for (String id : versions.modelIds()) {
          if (model != null && !model.equals(id)) {
            continue;
          }
          out.printf("%s%n", id);
          for (var v : versions.versions(id)) {
            out.printf(
                Locale.ROOT,
                "  v%-3d %-9s FNR %-6s threshold %-10s AUROC %.4f  by %s at %s%n",
                v.getVersion(),
                v.getState(),
                v.getSelectedFnr(),
                v.getScoreThresholdOverride() != null
                    ? String.format(Locale.ROOT, "%.4g*", v.getScoreThresholdOverride())
                    : v.getThresholds().stream()
                        .filter(t -> t.getFnr() == v.getSelectedFnr())
                        .map(t -> String.format(Locale.ROOT, "%.4g", t.getThreshold()))
                        .findFirst()
                        .orElse("?"),
                v.getMetrics().getAuroc(),
                v.getUpdatedByCommandId(),
                v.getUpdatedAt());
            gateLine(v.getMetrics().getExtra()).ifPresent(out::println);
          }
        }
      }
      out.println("(* an operator's explicit threshold)");
      out.flush();
      return 0;
    }

    /**
     * The quality gate's figures of a retrained version, e.g. "gate at FNR 5 %: real-held-out TNR
     * 75.5 % (active 37.0 %, least 25.4 %); miss rate 3.5 % (bound 10.1 %)".
     */
    static java.util.Optional<String> gateLine(Map<String, Double> extra) {
      Double q = extra.get("gate.operatingFnr");
      if (q == null) {
        return java.util.Optional.empty();
      }
      List<String> parts = new java.util.ArrayList<>();
      new java.util.TreeMap<>(extra)
          .forEach(
              (key, tnr) -> {
                if (key.startsWith("gate.tnr.")) {
                  String source = key.substring("gate.tnr.".length());
                  Double active = extra.get("gate.activeTnr." + source);
                  parts.add(
                      String.format(
                          Locale.ROOT,
                          "%s TNR %.1f %% (%sleast %.1f %%)",
                          source,
                          100 * tnr,
                          active == null
                              ? ""
                              : String.format(Locale.ROOT, "active %.1f %%, ", 100 * active),
                          100 * extra.getOrDefault("gate.minTnr." + source, Double.NaN)));
                }
              });
      return java.util.Optional.of(
          String.format(
              Locale.ROOT,
              "       gate at FNR %s %%: %s; miss rate %.1f %% (bound %.1f %%)",
              new java.math.BigDecimal(String.valueOf(100 * q))
                  .stripTrailingZeros()
                  .toPlainString(),
              String.join(", ", parts),
              100 * extra.getOrDefault("gate.fnr", Double.NaN),
              100 * extra.getOrDefault("gate.fnrBound", Double.NaN)));
    }
  }
}
