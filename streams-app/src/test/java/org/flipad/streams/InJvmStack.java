package org.flipad.streams;

import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;

/**
 * What the integration tests run the service against: the in-JVM Kafka cluster ({@link InJvmKafka})
 * and the embedded schema registry over real HTTP, with a client of each.
 *
 * @param cluster the started single-node cluster
 * @param client client properties naming its bootstrap servers
 * @param registry the started registry
 * @param registryClient an HTTP client of the registry
 */
public record InJvmStack(
    KafkaClusterTestKit cluster,
    Map<String, Object> client,
    EmbeddedSchemaRegistry registry,
    HttpSchemaRegistryClient registryClient)
    implements AutoCloseable {

  /** Starts the cluster and the registry; the caller closes both with {@link #close}. */
  public static InJvmStack start() throws Exception {
    KafkaClusterTestKit cluster = InJvmKafka.start();
    EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start();
    return new InJvmStack(
        cluster,
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
        registry,
        HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registry.uri())));
  }

  /** Stops the registry, then the cluster. */
  @Override
  public void close() throws Exception {
    registry.close();
    cluster.close();
  }
}
