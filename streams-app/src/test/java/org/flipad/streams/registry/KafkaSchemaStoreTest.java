package org.flipad.streams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.flipad.streams.InJvmKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link KafkaSchemaStore} on an in-JVM Kafka cluster, behind the embedded registry over HTTP. */
@Timeout(120)
class KafkaSchemaStoreTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static final Schema THING_V1 = thing("");
  private static final Schema THING_V2 = thing(",{\"name\":\"b\",\"type\":\"int\",\"default\":0}");
  private static final Schema OTHER =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"Other\",\"namespace\":\"t\","
                  + "\"fields\":[{\"name\":\"x\",\"type\":\"long\"}]}");

  private static KafkaClusterTestKit cluster;
  private static Map<String, Object> clientProperties;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startKafka() throws Exception {
    cluster = InJvmKafka.start();
    clientProperties =
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static KafkaSchemaStoreSettings uniqueTopic() {
    return KafkaSchemaStoreSettings.defaults()
        .withTopic("_flipad.schemas-" + TOPICS.incrementAndGet())
        .withTimeout(Duration.ofSeconds(20));
  }

  @Test
  void shouldServeTheSameIdsAndVersionsFromANewRegistryOnTheSameTopic() throws Exception {
    KafkaSchemaStoreSettings settings = uniqueTopic();
    int v1Id;
    int v2Id;
    int otherId;
    try (KafkaSchemaStore store = new KafkaSchemaStore(clientProperties, settings);
        EmbeddedSchemaRegistry registry =
            EmbeddedSchemaRegistry.start(0, store, CompatibilityLevel.BACKWARD)) {
      SchemaRegistryClient client = client(registry);
      v1Id = client.register("things-value", THING_V1);
      v2Id = client.register("things-value", THING_V2);
      otherId = client.register("others-value", OTHER);
      assertThat(client.register("copies-value", THING_V1)).isEqualTo(v1Id);
    }

    try (KafkaSchemaStore store = new KafkaSchemaStore(clientProperties, settings);
        EmbeddedSchemaRegistry restarted =
            EmbeddedSchemaRegistry.start(0, store, CompatibilityLevel.BACKWARD)) {
      assertThat(get(restarted, "/schemas/ids/" + v1Id).path("schema").asText())
          .isEqualTo(THING_V1.toString());
      assertThat(get(restarted, "/schemas/ids/" + v2Id).path("schema").asText())
          .isEqualTo(THING_V2.toString());
      assertThat(get(restarted, "/schemas/ids/" + otherId).path("schema").asText())
          .isEqualTo(OTHER.toString());
      JsonNode latest = get(restarted, "/subjects/things-value/versions/latest");
      assertThat(latest.path("version").asInt()).isEqualTo(2);
      assertThat(latest.path("id").asInt()).isEqualTo(v2Id);
      JsonNode copy = get(restarted, "/subjects/copies-value/versions/1");
      assertThat(copy.path("id").asInt()).isEqualTo(v1Id);
      // The id counter is rebuilt too: a new schema takes the next id, not a reused one.
      int next = client(restarted).register("fresh-value", thing("", "Fresh"));
      assertThat(next).isEqualTo(Math.max(v2Id, otherId) + 1);
    }
  }

  @Test
  void shouldReplayEveryAppendedRecordInAppendOrder() {
    List<SchemaRecord> appended =
        List.of(
            new SchemaRecord("b-value", 1, 1, THING_V1.toString()),
            new SchemaRecord("a-value", 1, 2, OTHER.toString()),
            new SchemaRecord("b-value", 2, 3, THING_V2.toString()));
    KafkaSchemaStoreSettings settings = uniqueTopic();
    try (KafkaSchemaStore store = new KafkaSchemaStore(clientProperties, settings)) {
      appended.forEach(store::append);
    }

    List<SchemaRecord> replayed = new ArrayList<>();
    try (KafkaSchemaStore store = new KafkaSchemaStore(clientProperties, settings)) {
      store.replay(replayed::add);
    }

    assertThat(replayed).containsExactlyElementsOf(appended);
  }

  @Test
  void shouldCreateTheTopicCompactedWithOnePartition() throws Exception {
    KafkaSchemaStoreSettings settings = uniqueTopic();
    try (KafkaSchemaStore store = new KafkaSchemaStore(clientProperties, settings);
        Admin admin = Admin.create(clientProperties)) {
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, store.topic());
      Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
      int partitions =
          admin
              .describeTopics(List.of(store.topic()))
              .allTopicNames()
              .get()
              .get(store.topic())
              .partitions()
              .size();

      assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
          .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
      assertThat(partitions).isEqualTo(1);
    }
  }

  @Test
  void shouldRefuseATopicWithMoreThanOnePartition() throws Exception {
    KafkaSchemaStoreSettings settings = uniqueTopic();
    try (Admin admin = Admin.create(clientProperties)) {
      admin
          .createTopics(List.of(new NewTopic(settings.topic(), Optional.of(3), Optional.empty())))
          .all()
          .get();
    }

    assertThatThrownBy(() -> new KafkaSchemaStore(clientProperties, settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has 3 partitions")
        .hasMessageContaining("needs exactly 1");
  }

  private static SchemaRegistryClient client(EmbeddedSchemaRegistry registry) {
    return HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registry.uri()));
  }

  private JsonNode get(EmbeddedSchemaRegistry registry, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(registry.uri() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static Schema thing(String extraFields) {
    return thing(extraFields, "Thing");
  }

  private static Schema thing(String extraFields, String name) {
    return new Schema.Parser()
        .parse(
            "{\"type\":\"record\",\"name\":\""
                + name
                + "\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}"
                + extraFields
                + "]}");
  }
}
