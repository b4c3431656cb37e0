package org.flipad.streams.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flipad.core.detector.DeepSadArchitecture;
import org.flipad.streams.control.AuthenticationSettings;
import org.flipad.streams.control.CommandVerifier;
import org.flipad.streams.control.KeyFiles;
import org.flipad.streams.control.QualityGateSettings;
import org.flipad.streams.control.RetrainSettings;
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
      names = "--network",
      defaultValue = "paper",
      paramLabel = "lenet|mlp|paper",
      description =
          "DeepSAD network of retrained detectors (default: ${DEFAULT-VALUE}, the product's"
              + " recipe).")
  String network;

  @Option(
      names = "--batch-size",
      defaultValue = "128",
      description = "DeepSAD batch size of retrained detectors (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--negatives",
      defaultValue = RetrainSettings.DEFAULT_NEGATIVES,
      description =
          "Negative bank of a RETRAIN whose command names none: comma-separated sources"
              + " (fashion-mnist, fashion-mnist-subset, an image folder, a generator bundle, each"
              + " optionally :WEIGHT) and 'registered' for every other registered model's"
              + " generator (default: ${DEFAULT-VALUE}).")
  String negatives;

  @Option(
      names = "--gate-tnr-tolerance",
      defaultValue = "0.02",
      description =
          "Quality gate: how far (absolute) a retrained detector's share of refused negatives may"
              + " fall below the active version's, per source, on the same held-out images"
              + " (default: ${DEFAULT-VALUE}).")
  double tnrTolerance;

  @Option(
      names = "--gate-slack-sigmas",
      defaultValue = "2",
      description =
          "Quality gate: sampling slack added to the tolerance, in standard errors of the paired"
              + " difference (√(images judged differently) / images); 0 turns it off (default:"
              + " ${DEFAULT-VALUE}).")
  double slackSigmas;

  @Option(
      names = "--gate-min-real-tnr",
      defaultValue = "0.95",
      description =
          "Quality gate for a model's first version (no active one): least share of real"
              + " images refused at the operating FNR (default: ${DEFAULT-VALUE}).")
  double minRealTnr;

  @Option(
      names = "--gate-min-generator-tnr",
      defaultValue = "0.90",
      description =
          "Quality gate for a first version: least share of each other generator's samples"
              + " refused at the operating FNR (default: ${DEFAULT-VALUE}).")
  double minGeneratorTnr;

  @Option(
      names = "--gate-samples",
      defaultValue = "500",
      description =
          "Quality gate: held-out images per source and fresh target samples (default:"
              + " ${DEFAULT-VALUE}).")
  int gateSamples;

  /** The RETRAIN settings these flags give; sizes and epochs come from each command. */
  RetrainSettings retrainSettings() {
    RetrainSettings defaults = RetrainSettings.defaults();
    return new RetrainSettings(
        defaults.train(),
        defaults.validation(),
        defaults.epochs(),
        DeepSadArchitecture.fromId(network),
        batchSize,
        negatives,
        new QualityGateSettings(
            tnrTolerance,
            slackSigmas,
            minRealTnr,
            minGeneratorTnr,
            gateSamples,
            QualityGateSettings.DEFAULT_SEED));
  }

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
                retrainSettings(),
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
