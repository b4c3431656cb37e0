package org.flipad.streams.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import org.flipad.streams.registry.CompatibilityLevel;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.registry.InMemorySchemaStore;
import org.flipad.streams.registry.KafkaSchemaStore;
import org.flipad.streams.registry.SchemaStore;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flipad registry}: the embedded schema registry (the Confluent REST subset in
 * docs/registry.md) on a fixed loopback port until SIGTERM or Ctrl-C, keeping its schemas in a
 * Kafka topic when given a broker, so that {@code serve}, {@code worker} and clients in other
 * languages can run as separate processes.
 */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the embedded schema registry (Confluent REST subset) on 127.0.0.1:--port until"
          + " SIGTERM or Ctrl-C; with --bootstrap-servers its schemas live in the compacted topic"
          + " _flipad.schemas and survive restarts, else in memory. With --register-flipad-schemas"
          + " it registers every FLIPAD value schema under its topic's subject first.",
      ""
    })
final class RegistryCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8081",
      description = "Loopback port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--bootstrap-servers",
      description = "Kafka to keep the schemas in (topic _flipad.schemas); omit for memory only.")
  String bootstrapServers;

  @Option(
      names = "--register-flipad-schemas",
      description = "Register the FLIPAD value schemas for the default topic names.")
  boolean registerFlipadSchemas;

  @Override
  public Integer call() throws Exception {
    SchemaStore store =
        bootstrapServers == null
            ? new InMemorySchemaStore()
            : new KafkaSchemaStore(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    EmbeddedSchemaRegistry registry =
        EmbeddedSchemaRegistry.start(port, store, CompatibilityLevel.BACKWARD);
    if (registerFlipadSchemas) {
      HttpSchemaRegistryClient client =
          HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registry.uri()));
      AvroSerdeSettings settings = AvroSerdeSettings.defaults();
      Topics topics = Topics.defaults();
      ServiceSerdes.create(client, settings).registerAll(client, topics);
      ControlSerdes.create(client, settings).registerAll(client, topics);
    }
    spec.commandLine()
        .getOut()
        .printf(
            "flipad registry: %s, schemas %s%s. Ctrl-C stops it.%n",
            registry.uri(),
            bootstrapServers == null ? "in memory" : "in _flipad.schemas on " + bootstrapServers,
            registerFlipadSchemas ? ", FLIPAD schemas registered" : "");
    spec.commandLine().getOut().flush();
    AutoCloseable closeStore = store instanceof AutoCloseable closeable ? closeable : () -> {};
    return RunUntilStopped.holdOpen(spec.commandLine(), registry, closeStore);
  }
}
