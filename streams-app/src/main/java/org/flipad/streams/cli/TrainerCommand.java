package org.flipad.streams.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flipad.streams.control.AuthenticationSettings;
import org.flipad.streams.control.CommandVerifier;
import org.flipad.streams.control.KeyFiles;
import org.flipad.streams.control.Trainer;
import org.flipad.streams.model.KafkaModelStore;
import org.flipad.streams.model.KafkaModelStoreSettings;
import org.flipad.streams.model.LocalDirectoryModelStore;
import org.flipad.streams.model.ModelStore;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.runtime.OpsHttpServer;
import org.flipad.streams.runtime.ServiceConfig;
import org.flipad.streams.runtime.ServiceMetrics;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.serde.ServiceSerdes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flipad trainer}: executes signed control commands against an external cluster. */
@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Runs the trainer: reads flipad.control, refuses unsigned, forged, replayed and malformed"
            + " commands to flipad.dlq, runs each accepted command once (RETRAIN and REGISTER in"
            + " the background), reports on flipad.training.status and publishes ModelVersion"
            + " records to flipad.models. Runs until SIGTERM or Ctrl-C.")
final class TrainerCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ServiceConfigOptions options;

  @Option(
      names = "--trusted-keys",
      required = true,
      paramLabel = "DIR",
      description = "Folder of operators' public keys, ID.pub each (flipad keys generate).")
  Path trustedKeys;

  @Option(
      names = "--store",
      defaultValue = "kafka://flipad.model-bundles/",
      description =
          "Where new detector bundles go: kafka://TOPIC/ or file:///DIR/ (default:"
              + " ${DEFAULT-VALUE}).")
  String store;

  @Option(
      names = "--work-dir",
      defaultValue = "${java.io.tmpdir}/flipad-trainer",
      description = "Scratch space for bundles being built (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(
      names = "--auroc-tolerance",
      defaultValue = "0.02",
      description =
          "Quality gate: how far below the active version's held-out AUROC a retrained detector"
              + " may be (default: ${DEFAULT-VALUE}).")
  double aurocTolerance;

  @Override
  public Integer call() throws IOException, InterruptedException {
    ServiceConfig config = options.load(Map.of());
    if (options.printConfig) {
      ServiceConfigOptions.print(config, spec.commandLine().getOut());
      return 0;
    }
    Map<String, Object> kafka = config.kafkaClientProperties();
    HttpSchemaRegistryClient registry =
        HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(config.registryUrl()));
    Files.createDirectories(workDir);
    try (ModelStore bundles = openStore(kafka);
        Trainer trainer =
            new Trainer(
                kafka,
                config.topics(),
                ControlSerdes.create(registry, AvroSerdeSettings.defaults()),
                ServiceSerdes.create(registry, AvroSerdeSettings.defaults()),
                new CommandVerifier(KeyFiles.readTrustedKeys(trustedKeys)),
                AuthenticationSettings.defaults(),
                bundles,
                workDir,
                aurocTolerance,
                InstantSource.system())) {
      Thread loop = new Thread(trainer, "trainer");
      ServiceMetrics metrics = ServiceMetrics.withJvmMetrics();
      // Probes for Kubernetes: live while the process runs, ready while the command loop runs.
      try (OpsHttpServer http =
          OpsHttpServer.start(
              config.opsHttpSettings(),
              metrics.registry(),
              () -> loop.isAlive() ? List.of() : List.of("the trainer loop is not running"))) {
        Runtime.getRuntime().addShutdownHook(new Thread(trainer::close, "trainer-shutdown"));
        loop.start();
        loop.join();
      } finally {
        metrics.close();
      }
    }
    return 0;
  }

  private ModelStore openStore(Map<String, Object> kafka) {
    if (store.startsWith("kafka://")) {
      String topic = store.substring("kafka://".length()).replaceAll("/+$", "");
      return new KafkaModelStore(kafka, KafkaModelStoreSettings.defaults().withTopic(topic));
    }
    if (store.startsWith("file:")) {
      return new LocalDirectoryModelStore(Path.of(java.net.URI.create(store)));
    }
    throw new IllegalArgumentException(
        "--store is '" + store + "'; give kafka://TOPIC/ or file:///DIR/.");
  }
}
