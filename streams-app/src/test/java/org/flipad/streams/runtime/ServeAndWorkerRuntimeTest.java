package org.flipad.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flipad.core.compute.TorchEngine;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.schema.AttributionVerdict;
import org.flipad.schema.Decision;
import org.flipad.streams.demo.DemoUpload;
import org.flipad.streams.demo.DemoUploads;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.worker.LoadedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flipad serve} and {@code flipad worker} as separate runtimes against an "external" cluster
 * and registry (here in-JVM), configured only through a properties file: both turn ready, and an
 * upload gets a verdict decided by the worker.
 */
@Timeout(240)
class ServeAndWorkerRuntimeTest {

  private static final String MODEL = "dcgan-seed1";
  private static final Path BUNDLE = Path.of("../models/detectors/dcgan-seed1.flipad-detector");

  @TempDir Path workDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldServeAndInvertAgainstAnExternalClusterAndRegistry() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0);
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
      Topics topics = Topics.defaults().withPrefix("e2e.");
      HttpSchemaRegistryClient client =
          HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registry.uri()));
      ServiceSerdes serdes = ServiceSerdes.create(client, AvroSerdeSettings.defaults());
      serdes.registerAll(client, topics); // as CI does before a deployment
      Path file = configFile(broker, registry);
      ServiceConfig config = ServiceConfig.load(file, Map.of(), Map.of());

      int torchThreadsBefore = TorchEngine.snapshot().intraOpThreads();
      try (ServeRuntime serve = ServeRuntime.start(config);
          WorkerRuntime worker = WorkerRuntime.start(config)) {
        assertThat(TorchEngine.snapshot().intraOpThreads())
            .as("flipad.worker.torch.threads sizes the process's PyTorch pool")
            .isEqualTo(1);
        assertThat(worker.metrics().scrape())
            .containsPattern(
                "flipad_worker_compute\\{[^}]*device=\"cpu\\(\\)\",gpus=\"0\",[^}]*"
                    + "torch_threads=\"1\"\\} 1.0");
        awaitTrue(() -> status(serve.http().uri()) == 200, "serve's /ready to answer 200");
        awaitTrue(() -> status(worker.http().uri()) == 200, "worker's /ready to answer 200");

        DemoUpload upload = upload(serdes, topics);
        send(broker, topics, upload, serdes);
        AttributionVerdict verdict = awaitVerdict(broker, topics, serdes, upload.uploadId());

        assertThat(verdict.getVerdict())
            .as("undecided reason %s", verdict.getUndecidedReason())
            .isIn(Decision.ATTRIBUTED, Decision.NOT_ATTRIBUTED);
        assertThat(verdict.getWorkerId()).isEqualTo("e2e-worker");
        assertThat(worker.metrics().scrape()).contains("flipad_worker_inversions_total");
        assertThat(serve.metrics().scrape()).contains("flipad_uploads_received_total 1.0");
        assertLookup(serve.api().orElseThrow().uri(), upload.uploadId(), verdict);
        assertThat(serve.metrics().scrape())
            .contains("flipad_api_requests_seconds_count{endpoint=\"uploads\",status=\"200\"}");
      } finally {
        TorchEngine.useIntraOpThreads(torchThreadsBefore);
      }
    }
  }

  private Path configFile(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry)
      throws IOException {
    return Files.write(
        workDir.resolve("flipad.properties"),
        List.of(
            "kafka.bootstrap.servers=" + broker.bootstrapServers(),
            "flipad.registry.url=" + registry.uri(),
            "flipad.models=" + MODEL + "=" + BUNDLE,
            "flipad.topics.prefix=e2e.",
            "flipad.topics.create=true",
            "flipad.topics.partitions=2",
            "flipad.state.dir=" + workDir.resolve("state"),
            "flipad.worker.id=e2e-worker",
            "flipad.worker.torch.threads=1",
            // Generous: the first inversion also warms up PyTorch on a shared 2-core machine.
            "flipad.screening.deadline.ms=120000",
            "flipad.http.bind=127.0.0.1",
            "flipad.http.port=0",
            "flipad.api.enabled=true",
            "flipad.api.port=0"));
  }

  // serve's lookup API answers the verdict it wrote, and lists the model it serves.
  private void assertLookup(URI api, String uploadId, AttributionVerdict verdict) throws Exception {
    ObjectMapper json = new ObjectMapper();
    awaitTrue(
        () -> get(api.resolve("/api/v1/uploads/" + uploadId)).statusCode() == 200,
        "the lookup API to know upload " + uploadId);
    JsonNode body = json.readTree(get(api.resolve("/api/v1/uploads/" + uploadId)).body());
    assertThat(body.get("outcome").asText()).isEqualTo("VERDICT");
    assertThat(body.get("verdict").get("verdictId").asText()).isEqualTo(verdict.getVerdictId());
    assertThat(body.get("verdict").get("workerId").asText()).isEqualTo("e2e-worker");
    JsonNode models = json.readTree(get(api.resolve("/api/v1/models")).body()).get("models");
    assertThat(models.get(0).get("modelId").asText()).isEqualTo(MODEL);
    assertThat(models.get(0).get("serving").get("version").asInt()).isEqualTo(1);
  }

  private HttpResponse<String> get(URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static DemoUpload upload(ServiceSerdes serdes, Topics topics) throws IOException {
    LoadedModel loaded = new ModelSource(MODEL, BUNDLE, null).load(0.005);
    loaded.detector().close();
    ModelInputFormat input = loaded.model().input();
    int channels = input.mode().channels();
    byte[] pixels = new byte[channels * input.height() * input.width()];
    new Random(7).nextBytes(pixels);
    DemoUploads uploads =
        new DemoUploads(serdes.uploads(), topics.uploads(), InstantSource.system());
    return uploads
        .images(
            List.of(new Image8(channels, input.height(), input.width(), pixels)),
            Map.of(),
            List.of(),
            7)
        .get(0);
  }

  private static void send(
      EmbeddedKafkaBroker broker, Topics topics, DemoUpload upload, ServiceSerdes serdes)
      throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      byte[] value = upload.encode(serdes.uploads(), topics.uploads(), Instant.now());
      producer
          .send(
              new ProducerRecord<>(
                  topics.uploads(), upload.uploadId().getBytes(StandardCharsets.UTF_8), value))
          .get();
    }
  }

  private static AttributionVerdict awaitVerdict(
      EmbeddedKafkaBroker broker, Topics topics, ServiceSerdes serdes, String uploadId) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "e2e-verdict-reader",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topics.verdicts()));
      long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          AttributionVerdict verdict =
              serdes.verdicts().deserialize(record.topic(), record.value());
          if (verdict.getUploadId().equals(uploadId)) {
            return verdict;
          }
        }
      }
      throw new AssertionError("No verdict for upload " + uploadId + " within 150 s");
    }
  }

  private int status(URI base) {
    try {
      HttpRequest request = HttpRequest.newBuilder(base.resolve("/ready")).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (IOException e) {
      return -1; // not listening yet counts as not ready
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  // A bounded poll whose timeout names what was awaited (Awaitility, a test dependency used by the
  // *IT tests, would do the same).
  private static void awaitTrue(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after 90 s waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
