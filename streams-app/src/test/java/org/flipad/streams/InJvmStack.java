package org.flipad.streams;

import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.TopicCreator;
import org.flipad.streams.topic.Topics;

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

  /**
   * Registers every schema of {@code topics} and creates the topics that are missing, two
   * partitions each: what a service needs before it starts.
   *
   * @return the serdes of the registered schemas
   */
  public ServiceSerdes prepare(Topics topics) throws Exception {
    ServiceSerdes serdes = ServiceSerdes.create(registryClient, AvroSerdeSettings.defaults());
    serdes.registerAll(registryClient, topics);
    try (Admin admin = Admin.create(client)) {
      TopicCreator.createMissing(admin, topics.specs(2));
    }
    return serdes;
  }

  /** Stops the registry, then the cluster. */
  @Override
  public void close() throws Exception {
    registry.close();
    cluster.close();
  }
}
