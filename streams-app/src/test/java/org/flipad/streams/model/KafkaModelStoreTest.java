package org.flipad.streams.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flipad.streams.model.LocalDirectoryModelStoreTest.BUNDLE;
import static org.flipad.streams.model.LocalDirectoryModelStoreTest.BUNDLE_SHA256;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.flipad.core.attribution.Detector;
import org.flipad.core.attribution.DetectorBundles;
import org.flipad.core.bundle.Sha256;
import org.flipad.streams.InJvmKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link KafkaModelStore} on an in-JVM Kafka cluster, with the committed detector bundle. */
@Timeout(120)
class KafkaModelStoreTest {

  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static final int CHUNK_BYTES = 64 * 1024;

  private static KafkaClusterTestKit cluster;
  private static Map<String, Object> clientProperties;

  @TempDir Path cacheDir;

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

  /** ⌈bundle size / 64 KiB⌉: the committed 7.2 MB bundle takes 110 chunks. */
  private static int expectedChunks() throws java.io.IOException {
    return (int) ((Files.size(BUNDLE) + CHUNK_BYTES - 1) / CHUNK_BYTES);
  }

  /** A unique topic with 64 KiB chunks, so the bundle takes many chunks. */
  private static KafkaModelStoreSettings uniqueTopic() {
    return KafkaModelStoreSettings.defaults()
        .withTopic("flipad.model-bundles-" + TOPICS.incrementAndGet())
        .withChunkBytes(CHUNK_BYTES)
        .withTimeout(Duration.ofSeconds(20));
  }

  @Test
  void shouldReturnAVerifiedCopyThatLoadsWhenABundleOfManyChunksIsPutAndFetched() throws Exception {
    KafkaModelStoreSettings settings = uniqueTopic();
    try (KafkaModelStore store = new KafkaModelStore(clientProperties, settings)) {
      String sha256 = store.put(BUNDLE);
      Path fetched = store.fetch(sha256, cacheDir);

      assertThat(sha256).isEqualTo(BUNDLE_SHA256);
      assertThat(chunkKeys(settings.topic())).hasSize(expectedChunks());
      assertThat(Sha256.ofFile(fetched)).isEqualTo(sha256);
      assertThat(Files.mismatch(fetched, BUNDLE)).isEqualTo(-1L);
      try (Detector detector = DetectorBundles.read(fetched, sha256)) {
        assertThat(detector.thresholds()).isNotNull();
      }
    }
  }

  @Test
  void shouldFindABundlePutByAnotherStoreOnTheSameTopic() throws Exception {
    KafkaModelStoreSettings settings = uniqueTopic();
    try (KafkaModelStore writer = new KafkaModelStore(clientProperties, settings);
        KafkaModelStore reader = new KafkaModelStore(clientProperties, settings)) {
      assertThat(reader.contains(BUNDLE_SHA256)).isFalse();
      writer.put(BUNDLE);

      // The reader indexed the topic before the put; it must look again, not trust its cache.
      assertThat(reader.contains(BUNDLE_SHA256)).isTrue();
      assertThat(Sha256.ofFile(reader.fetch(BUNDLE_SHA256, cacheDir))).isEqualTo(BUNDLE_SHA256);
    }
  }

  @Test
  void shouldWriteOneManifestAndOneSetOfChunksWhenTheSameBytesArePutTwice() throws Exception {
    KafkaModelStoreSettings settings = uniqueTopic();
    Path copy = Files.copy(BUNDLE, cacheDir.resolve("renamed-copy.bin"));
    try (KafkaModelStore first = new KafkaModelStore(clientProperties, settings)) {
      first.put(BUNDLE);
      assertThat(first.put(copy)).isEqualTo(BUNDLE_SHA256);
    }
    try (KafkaModelStore second = new KafkaModelStore(clientProperties, settings)) {
      assertThat(second.put(BUNDLE)).isEqualTo(BUNDLE_SHA256);
    }

    List<String> keys = keys(settings.topic());
    assertThat(keys.stream().filter(key -> !key.contains("/"))).containsExactly(BUNDLE_SHA256);
    assertThat(keys).hasSize(expectedChunks() + 1);
    // The manifest comes last, after every chunk it lists.
    assertThat(keys.get(keys.size() - 1)).isEqualTo(BUNDLE_SHA256);
  }

  @Test
  void shouldRefuseAShaThatWasNeverPut() {
    String unknown = "f".repeat(64);
    try (KafkaModelStore store = new KafkaModelStore(clientProperties, uniqueTopic())) {
      assertThatThrownBy(() -> store.fetch(unknown, cacheDir))
          .isInstanceOfSatisfying(
              ModelStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(ModelStoreException.Reason.NOT_FOUND))
          .hasMessageContaining("No bundle with sha256 " + unknown)
          .hasMessageContaining(store.topic());
    }
  }

  @Test
  void shouldRefuseChunksThatDoNotHashToTheManifestSha() throws Exception {
    KafkaModelStoreSettings settings = uniqueTopic();
    String claimed = Sha256.ofBytes("the real bundle".getBytes(StandardCharsets.UTF_8));
    try (KafkaModelStore store = new KafkaModelStore(clientProperties, settings)) {
      produce(settings.topic(), claimed + "/0", "a forged bundle");
      produce(settings.topic(), claimed, manifestJson(claimed, 15, 1));

      assertThatThrownBy(() -> store.fetch(claimed, cacheDir))
          .isInstanceOfSatisfying(
              ModelStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(ModelStoreException.Reason.CORRUPT))
          .hasMessageContaining("not the " + claimed)
          .hasMessageContaining("It was not loaded");
      assertThat(cacheDir.resolve(claimed + ".flipad-detector")).doesNotExist();
    }
  }

  @Test
  void shouldRefuseAManifestWhoseChunksAreMissing() throws Exception {
    KafkaModelStoreSettings settings = uniqueTopic();
    String sha256 = "a".repeat(64);
    try (KafkaModelStore store = new KafkaModelStore(clientProperties, settings)) {
      produce(settings.topic(), sha256 + "/0", "only the first chunk");
      produce(settings.topic(), sha256, manifestJson(sha256, 2000, 2));

      assertThatThrownBy(() -> store.fetch(sha256, cacheDir))
          .isInstanceOfSatisfying(
              ModelStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(ModelStoreException.Reason.CORRUPT))
          .hasMessageContaining("lists 2 chunks but only 1 were found");
    }
  }

  @Test
  void shouldOpenTheSameStoreFromTheLocationOfAStoredBundle() throws Exception {
    KafkaModelStoreSettings settings = uniqueTopic();
    String location;
    try (KafkaModelStore store = new KafkaModelStore(clientProperties, settings)) {
      location = store.location(store.put(BUNDLE));
    }

    assertThat(location).isEqualTo("kafka://" + settings.topic() + "/" + BUNDLE_SHA256);
    try (ModelStore resolved = ModelStore.forLocation(location, clientProperties)) {
      assertThat(resolved).isInstanceOf(KafkaModelStore.class);
      Path fetched = resolved.fetch(ModelStore.sha256Of(location), cacheDir);
      assertThat(Sha256.ofFile(fetched)).isEqualTo(BUNDLE_SHA256);
    }
  }

  @Test
  void shouldCreateTheTopicCompactedWithOnePartitionAndRoomForAChunk() throws Exception {
    try (KafkaModelStore store = new KafkaModelStore(clientProperties, uniqueTopic());
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
      assertThat(Integer.parseInt(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()))
          .isGreaterThan(KafkaModelStoreSettings.MAX_CHUNK_BYTES);
      assertThat(partitions).isEqualTo(1);
    }
  }

  @Test
  void shouldRefuseATopicWithMoreThanOnePartition() throws Exception {
    KafkaModelStoreSettings settings = uniqueTopic();
    try (Admin admin = Admin.create(clientProperties)) {
      admin
          .createTopics(List.of(new NewTopic(settings.topic(), Optional.of(2), Optional.empty())))
          .all()
          .get();
    }

    assertThatThrownBy(() -> new KafkaModelStore(clientProperties, settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has 2 partitions")
        .hasMessageContaining("needs exactly 1");
  }

  @Test
  void shouldRefuseAChunkSizeThatDoesNotFitOneMessage() {
    assertThatThrownBy(() -> KafkaModelStoreSettings.defaults().withChunkBytes(2 * 1024 * 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunk size is 2097152 bytes")
        .hasMessageContaining("fits one Kafka message");
  }

  private static String manifestJson(String sha256, long size, int chunks) {
    return "{\"sha256\":\""
        + sha256
        + "\",\"size\":"
        + size
        + ",\"chunks\":"
        + chunks
        + ",\"chunkBytes\":1024,\"firstChunkOffset\":0}";
  }

  private static void produce(String topic, String key, String value) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
    }
  }

  private static List<String> chunkKeys(String topic) {
    return keys(topic).stream().filter(key -> key.contains("/")).toList();
  }

  /** Every key in the topic's one partition, in offset order. */
  private static List<String> keys(String topic) {
    TopicPartition partition = new TopicPartition(topic, 0);
    List<String> keys = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, byte[]> message : consumer.poll(Duration.ofMillis(200))) {
          keys.add(message.key());
        }
      }
    }
    return keys;
  }
}
