package org.flipad.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.data.PngWriter;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.Decision;
import org.flipad.streams.InJvmStack;
import org.flipad.streams.NodeScripts;
import org.flipad.streams.demo.Terminal;
import org.flipad.streams.demo.TerminalCollector;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.TopicCreator;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.LateResult;
import org.flipad.streams.topology.ScreeningListener;
import org.flipad.streams.topology.ScreeningSettings;
import org.flipad.streams.worker.DetectorLoader;
import org.flipad.streams.worker.InversionWorker;
import org.flipad.streams.worker.LoadedModel;
import org.flipad.streams.worker.WorkerListener;
import org.flipad.streams.worker.WorkerModels;
import org.flipad.streams.worker.WorkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads from a producer FLIPAD did not write, on the in-JVM cluster with the real detector, the
 * real registry and a worker: a Node service using kafkajs with its LegacyPartitioner (not Java's
 * hash), keys that are the upload id, null keys, and one key for every upload (a tenant id). Over
 * four partitions most of these land where Java's partitioner would not put their id, so the
 * workers' results (keyed by id) arrive on another partition; each upload must still end in exactly
 * one decided verdict, with no result left unmatched. Then three ids are sent again under other
 * keys: each repeat ends in a DUPLICATE_UPLOAD dead letter, never a second verdict.
 */
@Timeout(240)
class AnyProducerIT {

  private static final Path DETECTOR = Path.of("../models/detectors/dcgan-seed1.flipad-detector");
  private static final Path ZOO = Path.of("../models/zoo");
  private static final int PARTITIONS = 4;
  private static final int PER_KIND = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void shouldDecideEveryUploadOnceWhateverThePartitionerAndKey() throws Exception {
    NodeScripts node =
        NodeScripts.require(List.of("kafkajs", "@kafkajs/confluent-schema-registry"), work, 120);
    List<Image8> images = new ArrayList<>(targetSamples(PER_KIND * 3 / 2));
    images.addAll(FashionMnist.testSubset().images().subList(0, PER_KIND * 3 / 2));
    ArrayNode uploads = JSON.createArrayNode();
    for (int i = 0; i < images.size(); i++) {
      String id = "node-upload-" + i;
      String key =
          switch (i % 3) {
            case 0 -> id;
            case 1 -> null;
            default -> "tenant-node";
          };
      uploads
          .addObject()
          .put("uploadId", id)
          .put("key", key)
          .put("png", Base64.getEncoder().encodeToString(PngWriter.encode(images.get(i))));
    }
    Path uploadsJson = work.resolve("uploads.json");
    JSON.writeValue(uploadsJson.toFile(), uploads);

    try (InJvmStack stack = InJvmStack.start()) {
      Map<String, Object> client = stack.client();
      KafkaClusterTestKit cluster = stack.cluster();
      EmbeddedSchemaRegistry registry = stack.registry();
      HttpSchemaRegistryClient registryClient = stack.registryClient();
      Topics topics = Topics.defaults();
      ServiceSerdes serdes = ServiceSerdes.create(registryClient, AvroSerdeSettings.defaults());
      serdes.registerAll(registryClient, topics);
      try (Admin admin = Admin.create(client)) {
        TopicCreator.createMissing(admin, topics.specs(PARTITIONS));
      }
      List<LateResult> late = new CopyOnWriteArrayList<>();
      List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();
      LoadedModel model = DetectorLoader.load(DETECTOR, null, 1, 0.05);
      InversionWorker worker =
          new InversionWorker(
              client,
              topics,
              serdes,
              WorkerSettings.defaults("worker-node-it"),
              WorkerModels.of(List.of(model)),
              WorkerListener.NONE);
      Thread workerThread = new Thread(worker, "worker-node-it");
      workerThread.setDaemon(true);
      try (ScreeningService service =
              new ScreeningService(
                  client,
                  "screening-any-producer",
                  work.resolve("state"),
                  topics,
                  serdes,
                  ModelCatalog.of(List.of(model.model())),
                  ScreeningSettings.defaults().withDeadline(Duration.ofSeconds(60)),
                  new ScreeningListener() {
                    @Override
                    public void lateResult(LateResult reason) {
                      late.add(reason);
                    }
                  });
          TerminalCollector collector =
              new TerminalCollector(client, topics, serdes, "any-producer-reader")) {
        service.streams().setStateListener((now, before) -> states.add(now));
        service.start();
        workerThread.start();
        await().atMost(Duration.ofSeconds(60)).until(service::running);

        NodeScripts.Run run =
            node.run(
                    "produce",
                    "third-party-producer.js",
                    cluster.bootstrapServers(),
                    registry.uri().toString(),
                    topics.uploads(),
                    uploadsJson.toString())
                .succeeded();

        List<JsonNode> sent = new ArrayList<>();
        for (String line : run.lines()) {
          sent.add(JSON.readTree(line));
        }
        assertThat(sent).hasSize(images.size());
        // The hazard is really there: these landed where Java's partitioner would not put the id.
        long elsewhere =
            sent.stream()
                .filter(s -> s.path("partition").asInt() != javaPartition(s.path("uploadId")))
                .count();
        assertThat(elsewhere).as("uploads off their id's Java partition").isGreaterThan(5);

        await().atMost(Duration.ofSeconds(150)).until(() -> collector.count() >= sent.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.audits() >= sent.size());
        Thread.sleep(2_000);

        assertThat(collector.duplicates()).isZero();
        assertThat(collector.count()).isEqualTo(sent.size());
        Map<String, Terminal> ended = collector.terminals();
        for (JsonNode upload : sent) {
          Terminal terminal = ended.get(upload.path("uploadId").asText());
          assertThat(terminal).as(upload.toString()).isNotNull();
          assertThat(terminal.decision())
              .as("%s: %s", upload, terminal.detail())
              .isIn(Decision.ATTRIBUTED, Decision.NOT_ATTRIBUTED);
        }
        assertThat(late).as("results that found no pending upload").isEmpty();

        // The same ids again, each keyed differently from the first time: one terminal record per
        // id stands; the repeats end in DUPLICATE_UPLOAD dead letters naming the first verdict.
        ArrayNode repeats = JSON.createArrayNode();
        for (int i = 0; i < 3; i++) {
          JsonNode first = uploads.get(i);
          repeats
              .addObject()
              .put("uploadId", first.path("uploadId").asText())
              .put("key", i == 1 ? "another-key" : null)
              .put("png", first.path("png").asText());
        }
        Path repeatsJson = work.resolve("repeats.json");
        JSON.writeValue(repeatsJson.toFile(), repeats);
        node.run(
                "repeat",
                "third-party-producer.js",
                cluster.bootstrapServers(),
                registry.uri().toString(),
                topics.uploads(),
                repeatsJson.toString())
            .succeeded();
        List<DeadLetter> duplicates = readDeadLetters(client, topics, serdes, repeats.size());
        assertThat(duplicates)
            .allSatisfy(
                d -> {
                  assertThat(d.getReason()).isEqualTo(DeadLetterReason.DUPLICATE_UPLOAD);
                  assertThat(d.getDetail()).contains("already ended in verdict");
                });
        assertThat(duplicates)
            .extracting(DeadLetter::getUploadId)
            .containsExactlyInAnyOrder("node-upload-0", "node-upload-1", "node-upload-2");
        assertThat(collector.count()).isEqualTo(sent.size());
        assertThat(states).doesNotContain(KafkaStreams.State.ERROR);
      } finally {
        worker.close();
        model.detector().close();
      }
    }
  }

  /** The first {@code expected} committed dead letters, waiting up to 60 s for them. */
  private static List<DeadLetter> readDeadLetters(
      Map<String, Object> client, Topics topics, ServiceSerdes serdes, int expected) {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "any-producer-dlq");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<DeadLetter> letters = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topics.deadLetters()));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInSameThread()
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  letters.add(serdes.deadLetters().deserialize(record.topic(), record.value()));
                }
                return letters.size() >= expected;
              });
    }
    return letters;
  }

  /** Where Java's default partitioner puts a record keyed by this upload id. */
  private static int javaPartition(JsonNode uploadId) {
    byte[] key = uploadId.asText().getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % PARTITIONS;
  }

  private static List<Image8> targetSamples(int count) throws Exception {
    try (GeneratorModel model = GeneratorBundles.read(ZOO.resolve("dcgan-seed1")).load()) {
      return new GeneratorImageSource("dcgan-seed1", model).draw(count, 4_242L);
    }
  }
}
