package org.flipad.streams.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.awaitility.core.ConditionTimeoutException;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.schema.DeadLetterReason;
import org.flipad.streams.InJvmStack;
import org.flipad.streams.control.ModelVersions;
import org.flipad.streams.demo.DemoUpload;
import org.flipad.streams.demo.DemoUploads;
import org.flipad.streams.demo.SyntheticOutcomes;
import org.flipad.streams.demo.Terminal;
import org.flipad.streams.demo.TerminalCollector;
import org.flipad.streams.lookup.LookupTopology;
import org.flipad.streams.lookup.StoreLookup;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.runtime.ScreeningService;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.ScreeningListener;
import org.flipad.streams.topology.ScreeningSettings;
import org.flipad.streams.worker.DetectorLoader;
import org.flipad.streams.worker.InversionWorker;
import org.flipad.streams.worker.LoadedModel;
import org.flipad.streams.worker.WorkerListener;
import org.flipad.streams.worker.WorkerModels;
import org.flipad.streams.worker.WorkerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lookup API of a screening service on the in-JVM cluster with the real detector: uploads are
 * screened, then a decided upload, a dead-lettered one and an unknown id are looked up over HTTP,
 * and looked up again after the service restarts on the same state directory and after it restarts
 * on an empty one (the stores restored from their changelogs).
 */
@Timeout(300)
class LookupApiIT {

  private static final Path DETECTOR = Path.of("../models/detectors/dcgan-seed1.flipad-detector");
  private static final Path ZOO = Path.of("../models/zoo");
  private static final String TOKEN = "lookup-it-token";
  private static final Set<DeadLetterReason> READABLE_ID_REASONS =
      Set.of(
          DeadLetterReason.TOO_MANY_PIXELS,
          DeadLetterReason.CORRUPT_IMAGE,
          DeadLetterReason.UNSUPPORTED_IMAGE);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static InJvmStack stack;

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path work;

  @BeforeAll
  static void startCluster() throws Exception {
    stack = InJvmStack.start();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    stack.close();
  }

  @Test
  void shouldAnswerVerdictsDeadLettersAndUnknownIdsBeforeAndAfterRestarts() throws Exception {
    Topics topics = Topics.defaults().withPrefix("lookup.");
    ServiceSerdes serdes = stack.prepare(topics);
    LoadedModel model = DetectorLoader.load(DETECTOR, null, 1, 0.05);
    DemoUploads factory =
        new DemoUploads(serdes.uploads(), topics.uploads(), InstantSource.system());
    List<Image8> target = samples("dcgan-seed1", 4, 1);
    List<DemoUpload> uploads =
        new ArrayList<>(
            factory.images(target, Map.of(), FashionMnist.testSubset().images().subList(0, 4), 3));
    int images = uploads.size();
    uploads.addAll(factory.malformed(target.get(0), ScreeningSettings.defaults().maxInlineBytes()));
    ModelCatalog catalog = ModelCatalog.of(List.of(model.model()));
    Path state = work.resolve("state");

    Map<String, JsonNode> before = new HashMap<>();
    try (TerminalCollector collector =
            new TerminalCollector(stack.client(), topics, serdes, "lookup-reader");
        KafkaProducer<String, byte[]> producer = producer()) {
      Running service = start(topics, serdes, catalog, state);
      InversionWorker worker = worker(topics, serdes, model);
      for (DemoUpload upload : uploads) {
        producer.send(
            new ProducerRecord<>(
                topics.uploads(),
                upload.uploadId(),
                upload.encode(serdes.uploads(), topics.uploads(), Instant.now())));
      }
      producer.flush();
      await().atMost(Duration.ofSeconds(180)).until(() -> collector.count() == uploads.size());
      worker.close();
      Map<String, Terminal> ended = collector.terminals();
      DemoUpload decided = uploads.get(0);
      List<DemoUpload> deadLettered =
          uploads.subList(images, uploads.size()).stream()
              .filter(u -> READABLE_ID_REASONS.contains(u.expectedDeadLetter()))
              .toList();
      assertThat(deadLettered).hasSize(READABLE_ID_REASONS.size());

      for (DemoUpload upload : uploads.subList(0, images)) {
        JsonNode body = awaitFound(service.api(), upload.uploadId());
        assertVerdict(body, upload, ended.get(upload.uploadId()));
        before.put(upload.uploadId(), body);
      }
      for (DemoUpload upload : deadLettered) {
        JsonNode body = awaitFound(service.api(), upload.uploadId());
        assertDeadLetter(body, upload);
        before.put(upload.uploadId(), body);
      }
      assertUnknownAndUnauthenticated(service.api(), decided.uploadId());
      assertImage(service.api(), before.get(decided.uploadId()));
      assertModels(service.api());
      service.close();

      // Same state directory: the stores are read from local state, not from the topics again.
      Running again = start(topics, serdes, catalog, state);
      for (String uploadId : before.keySet()) {
        assertThat(awaitFound(again.api(), uploadId)).as(uploadId).isEqualTo(before.get(uploadId));
      }
      assertUnknownAndUnauthenticated(again.api(), decided.uploadId());
      again.close();

      // An empty state directory: the stores come back from their changelog topics.
      Running restored = start(topics, serdes, catalog, work.resolve("fresh-state"));
      for (String uploadId : before.keySet()) {
        assertThat(awaitFound(restored.api(), uploadId))
            .as(uploadId)
            .isEqualTo(before.get(uploadId));
      }
      assertImage(restored.api(), before.get(decided.uploadId()));
      restored.close();
    } finally {
      model.detector().close();
    }
  }

  @Test
  void shouldAnswerEveryKeyFromEitherInstanceByForwardingToItsOwner() throws Exception {
    Topics topics = Topics.defaults().withPrefix("lookup-two.");
    ServiceSerdes serdes = stack.prepare(topics);
    List<String> ids = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int i = 0; i < 20; i++) {
        String id = "two-" + i;
        ids.add(id);
        // Each write is confirmed before the next: a send lost to a retry under load would
        // otherwise surface only as a 404 much later.
        producer
            .send(
                new ProducerRecord<>(
                    topics.verdicts(),
                    id,
                    serdes
                        .verdicts()
                        .serialize(
                            topics.verdicts(), SyntheticOutcomes.verdict(id, Instant.now()))))
            .get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
    ModelCatalog catalog = ModelCatalog.of(List.of());
    try (Running a = start(topics, serdes, catalog, work.resolve("a"), freePort());
        Running b = start(topics, serdes, catalog, work.resolve("b"), freePort())) {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> a.service().running() && b.service().running() && ownedByBoth(a, b));
      Set<HostInfo> owners = new HashSet<>();
      for (String id : ids) {
        owners.add(
            a.service()
                .streams()
                .queryMetadataForKey(LookupTopology.OUTCOMES_STORE, id, new StringSerializer())
                .activeHost());
        JsonNode fromA = awaitFound(a.api(), id);
        JsonNode fromB = awaitFound(b.api(), id);
        assertThat(fromA.get("verdict").get("verdictId").asText()).isEqualTo("verdict-" + id);
        assertThat(fromB).isEqualTo(fromA);
      }
      // Both instances own some keys, so half of the answers above were forwarded.
      assertThat(owners)
          .containsExactlyInAnyOrder(
              new HostInfo("127.0.0.1", a.api().port()), new HostInfo("127.0.0.1", b.api().port()));
    }
  }

  private static boolean ownedByBoth(Running a, Running b) {
    return a.service().streams().metadataForAllStreamsClients().stream()
            .filter(m -> m.stateStoreNames().contains(LookupTopology.OUTCOMES_STORE))
            .count()
        == 2;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void assertVerdict(JsonNode body, DemoUpload upload, Terminal terminal) {
    assertThat(body.get("uploadId").asText()).isEqualTo(upload.uploadId());
    assertThat(body.get("outcome").asText()).isEqualTo("VERDICT");
    assertThat(body.get("deadLetter").isNull()).isTrue();
    JsonNode verdict = body.get("verdict");
    assertThat(verdict.get("uploadId").asText()).isEqualTo(upload.uploadId());
    assertThat(verdict.get("verdict").asText()).isEqualTo(terminal.decision().name());
    assertThat(verdict.get("imageSha256").asText()).matches("[0-9a-f]{64}");
    assertThat(verdict.get("width").asInt()).isEqualTo(28);
    assertThat(verdict.get("format").asText()).isEqualTo("PNG");
    assertThat(verdict.get("timings").get("endToEndMs").asLong())
        .isEqualTo(terminal.endToEndMillis());
    JsonNode model = verdict.get("models").get(0);
    assertThat(model.get("modelId").asText()).isEqualTo("dcgan-seed1");
    assertThat(model.get("decision").asText()).isEqualTo(terminal.modelDecision().name());
    assertThat(model.get("score").isNumber()).isTrue();
    assertThat(model.get("pValue").asDouble()).isBetween(0.0, 1.0);
    assertThat(model.get("fnr").asDouble()).isEqualTo(0.05);
    assertThat(Instant.parse(verdict.get("decidedAt").asText())).isBefore(Instant.now());
  }

  private static void assertDeadLetter(JsonNode body, DemoUpload upload) {
    assertThat(body.get("outcome").asText()).as(upload.detail()).isEqualTo("DEAD_LETTER");
    assertThat(body.get("verdict").isNull()).isTrue();
    JsonNode deadLetter = body.get("deadLetter");
    assertThat(deadLetter.get("reason").asText())
        .as(upload.detail())
        .isEqualTo(upload.expectedDeadLetter().name());
    assertThat(deadLetter.get("uploadId").asText()).isEqualTo(upload.uploadId());
    assertThat(deadLetter.get("detail").asText()).isNotBlank();
    assertThat(deadLetter.get("sourceTopic").asText()).startsWith("lookup.");
  }

  private void assertUnknownAndUnauthenticated(ApiHttpServer api, String known) throws Exception {
    HttpResponse<byte[]> unknown = get(api, "/api/v1/uploads/no-such-upload", TOKEN);
    assertThat(unknown.statusCode()).isEqualTo(404);
    JsonNode error = JSON.readTree(unknown.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("UPLOAD_NOT_FOUND");
    assertThat(error.get("message").asText()).contains("'no-such-upload'");

    HttpResponse<byte[]> anonymous = get(api, "/api/v1/uploads/" + known, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(anonymous.body()).get("error").get("code").asText())
        .isEqualTo("AUTHENTICATION_REQUIRED");
  }

  private void assertImage(ApiHttpServer api, JsonNode decided) throws Exception {
    String sha256 = decided.get("verdict").get("imageSha256").asText();
    HttpResponse<byte[]> image =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> get(api, "/api/v1/images/" + sha256, TOKEN), r -> r.statusCode() == 200);
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image.body())))
        .isEqualTo(sha256);
    assertThat(get(api, "/api/v1/images/" + sha256, null).statusCode()).isEqualTo(401);
  }

  private void assertModels(ApiHttpServer api) throws Exception {
    HttpResponse<byte[]> response = get(api, "/api/v1/models", TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode model = JSON.readTree(response.body()).get("models").get(0);
    assertThat(model.get("modelId").asText()).isEqualTo("dcgan-seed1");
    assertThat(model.get("serving").get("version").asInt()).isEqualTo(1);
    assertThat(model.get("serving").get("fnr").asDouble()).isEqualTo(0.05);
  }

  private JsonNode awaitFound(ApiHttpServer api, String uploadId) throws Exception {
    String path = "/api/v1/uploads/" + URLEncoder.encode(uploadId, StandardCharsets.UTF_8);
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> get(api, path, TOKEN).statusCode() == 200);
    } catch (ConditionTimeoutException e) {
      // The last answer's body says why (a 503 names the store and partition).
      HttpResponse<byte[]> last = get(api, path, TOKEN);
      assertThat(last.statusCode())
          .as(new String(last.body(), StandardCharsets.UTF_8))
          .isEqualTo(200);
    }
    HttpResponse<byte[]> response = get(api, path, TOKEN);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return JSON.readTree(response.body());
  }

  private HttpResponse<byte[]> get(ApiHttpServer api, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.uri() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A screening service and its lookup API; closing stops both. */
  private record Running(ScreeningService service, ApiHttpServer api) implements AutoCloseable {
    @Override
    public void close() {
      api.close();
      service.close();
    }
  }

  private Running start(Topics topics, ServiceSerdes serdes, ModelCatalog catalog, Path state) {
    return start(topics, serdes, catalog, state, 0);
  }

  /**
   * Starts a service and its API; with {@code apiPort} > 0 the API listens there and the service
   * announces it as its application.server (how instances find each other's keys).
   */
  private Running start(
      Topics topics, ServiceSerdes serdes, ModelCatalog catalog, Path state, int apiPort) {
    Map<String, Object> client = new HashMap<>(stack.client());
    if (apiPort > 0) {
      client.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + apiPort);
    }
    ScreeningService service =
        new ScreeningService(
            client,
            "screening-" + topics.uploads(),
            state,
            topics,
            serdes,
            catalog,
            ScreeningSettings.defaults().withDeadline(Duration.ofSeconds(120)),
            ScreeningListener.NONE,
            Duration.ofDays(1));
    String digest = HexFormat.of().formatHex(BearerTokens.sha256(TOKEN));
    ApiHttpServer api =
        ApiHttpServer.start(
            new ApiSettings("127.0.0.1", apiPort, List.of(digest), 4),
            StoreLookup.of(service.streams(), client),
            new ModelsView(catalog, new ModelVersions()),
            Duration.ofDays(1));
    service.start();
    if (apiPort == 0) {
      await().atMost(Duration.ofSeconds(60)).until(service::running);
    }
    return new Running(service, api);
  }

  private InversionWorker worker(Topics topics, ServiceSerdes serdes, LoadedModel model) {
    InversionWorker worker =
        new InversionWorker(
            stack.client(),
            topics,
            serdes,
            WorkerSettings.defaults("lookup-worker"),
            WorkerModels.of(List.of(model)),
            WorkerListener.NONE);
    Thread thread = new Thread(worker, "lookup-worker");
    thread.setDaemon(true);
    thread.start();
    return worker;
  }

  private static List<Image8> samples(String generator, int count, long seed) throws Exception {
    try (GeneratorModel model = GeneratorBundles.read(ZOO.resolve(generator)).load()) {
      return new GeneratorImageSource(generator, model).draw(count, 9_100_000L + seed);
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    Map<String, Object> props = new HashMap<>(stack.client());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    // One request in flight: on a starved machine a timed-out batch retried behind later ones has
    // been refused by the broker as out of order and never written.
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    return new KafkaProducer<>(props);
  }
}
