package org.flipad.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.flipad.core.data.ColorMode;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.schema.Alert;
import org.flipad.schema.AlertKind;
import org.flipad.schema.AttributionVerdict;
import org.flipad.schema.AuditOutcome;
import org.flipad.schema.AuditRecord;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.Decision;
import org.flipad.schema.ImageUpload;
import org.flipad.schema.InversionError;
import org.flipad.schema.InversionErrorReason;
import org.flipad.schema.InversionRequest;
import org.flipad.schema.InversionResult;
import org.flipad.schema.InversionTimings;
import org.flipad.schema.UndecidedReason;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.model.WatchedModel;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.serde.AvroSerde;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screening topology under Kafka Streams' TopologyTestDriver, with schemas on the embedded
 * registry over real HTTP. Workers are played by the test: it reads the requests and writes the
 * results a worker would.
 */
class ScreeningTopologyTest {

  private static final Topics TOPICS = Topics.defaults();
  private static final WatchedModel TARGET =
      new WatchedModel(
          "dcgan-seed1",
          3,
          new ModelInputFormat(ColorMode.GRAYSCALE, 28, 28, OutputActivation.TANH),
          0.005);

  /** An image server on loopback: {@code /fast.png} at once, {@code /slow.png} when let go. */
  private static final HttpServer IMAGES = imageServer();

  private static final String IMAGES_URL =
      "http://127.0.0.1:" + IMAGES.getAddress().getPort() + "/images";
  private static final byte[] FAST_IMAGE = UploadFixtures.png(28, 28, 8);
  private static final byte[] SLOW_IMAGE = UploadFixtures.png(28, 28, 9);
  private static volatile CountDownLatch slowGate = new CountDownLatch(0);

  @TempDir Path stateDir;

  private final ModelCatalog catalog = ModelCatalog.of(List.of(TARGET));

  private EmbeddedSchemaRegistry registry;
  private ServiceSerdes serdes;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> uploads;
  private TestInputTopic<byte[], byte[]> results;
  private TestOutputTopic<String, byte[]> requests;
  private TestOutputTopic<String, byte[]> verdicts;
  private TestOutputTopic<String, byte[]> alerts;
  private TestOutputTopic<String, byte[]> audit;
  private TestOutputTopic<String, byte[]> deadLetters;
  private TestOutputTopic<String, byte[]> archive;
  private final List<LateResult> lateResults = new ArrayList<>();
  private final ScreeningListener listener =
      new ScreeningListener() {
        @Override
        public void lateResult(LateResult reason) {
          lateResults.add(reason);
        }
      };
  private final ScreeningSettings settings =
      ScreeningSettings.defaults()
          .withDeadline(Duration.ofSeconds(5))
          .withMaxInlineBytes(20_000)
          .withReferenceAllowlist(List.of("https://cdn.example.com/", IMAGES_URL + "/"))
          .withDuplicateWindow(Duration.ofMinutes(1));

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start();
    HttpSchemaRegistryClient client =
        HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registry.uri()));
    serdes = ServiceSerdes.create(client, AvroSerdeSettings.defaults());
    serdes.registerAll(client, TOPICS);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "screening-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver =
        new TopologyTestDriver(
            ScreeningTopology.build(TOPICS, serdes, catalog, settings, listener),
            props,
            Instant.now());
    ByteArraySerializer bytes = new ByteArraySerializer();
    uploads = driver.createInputTopic(TOPICS.uploads(), bytes, bytes);
    results = driver.createInputTopic(TOPICS.results(), bytes, bytes);
    StringDeserializer keys = new StringDeserializer();
    ByteArrayDeserializer values = new ByteArrayDeserializer();
    requests = driver.createOutputTopic(TOPICS.requests(), keys, values);
    verdicts = driver.createOutputTopic(TOPICS.verdicts(), keys, values);
    alerts = driver.createOutputTopic(TOPICS.alerts(), keys, values);
    audit = driver.createOutputTopic(TOPICS.audit(), keys, values);
    deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), keys, values);
    archive = driver.createOutputTopic(TOPICS.images(), keys, values);
  }

  @AfterEach
  void stop() {
    driver.close();
    registry.close();
  }

  @Test
  void shouldFanOutAValidUploadAndEmitTheVerdictAlertAndAuditWhenTheResultArrives() {
    byte[] png = UploadFixtures.png(28, 28, 1);
    send(UploadFixtures.inline("u1", png));

    var archived = archive.readKeyValuesToList();
    assertThat(archived)
        .singleElement()
        .satisfies(
            kv -> {
              assertThat(kv.key).isEqualTo(UploadFixtures.sha256(png));
              assertThat(kv.value).isEqualTo(png);
            });
    List<InversionRequest> sent = read(requests, serdes.requests());
    assertThat(sent).hasSize(1);
    InversionRequest request = sent.get(0);
    assertThat(request.getModelId()).isEqualTo("dcgan-seed1");
    assertThat(request.getModelVersion()).isEqualTo(3);
    assertThat(request.getWidth()).isEqualTo(28);
    assertThat(request.getChannels()).isEqualTo(1);
    assertThat(request.getPixels().remaining()).isEqualTo(28 * 28);
    assertThat(verdicts.isEmpty()).isTrue();

    answer(request, Decision.ATTRIBUTED, null);

    AttributionVerdict verdict = single(verdicts, serdes.verdicts());
    assertThat(verdict.getUploadId()).isEqualTo("u1");
    assertThat(verdict.getVerdict()).isEqualTo(Decision.ATTRIBUTED);
    assertThat(verdict.getAttributedModelId()).isEqualTo("dcgan-seed1");
    assertThat(verdict.getAttributedModelVersion()).isEqualTo(3);
    assertThat(verdict.getModels().get(0).getThreshold()).isEqualTo(0.7);
    assertThat(verdict.getModels().get(0).getFnr()).isEqualTo(0.005);
    assertThat(verdict.getCached()).isFalse();
    assertThat(verdict.getWidth()).isEqualTo(28);
    assertThat(verdict.getSourceTopic()).isEqualTo(TOPICS.uploads());
    assertThat(verdict.getSourceOffset()).isEqualTo(0);
    assertThat(verdict.getWorkerId()).isEqualTo("test-worker");
    assertThat(read(alerts, serdes.alerts()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getModelId()).isEqualTo("dcgan-seed1");
              assertThat(a.getVerdictId()).isEqualTo(verdict.getVerdictId());
            });
    AuditRecord record = single(audit, serdes.audit());
    assertThat(record.getOutcome()).isEqualTo(AuditOutcome.VERDICT);
    assertThat(record.getVerdict().getVerdictId()).isEqualTo(verdict.getVerdictId());
  }

  @Test
  void shouldAnswerAReuploadOfTheSameBytesFromTheCacheWithoutNewRequests() {
    byte[] image = UploadFixtures.png(28, 28, 2);
    send(UploadFixtures.inline("first", image));
    answer(read(requests, serdes.requests()).get(0), Decision.NOT_ATTRIBUTED, null);
    assertThat(single(verdicts, serdes.verdicts()).getCached()).isFalse();
    single(audit, serdes.audit());

    send(UploadFixtures.inline("again", image));

    assertThat(requests.isEmpty()).isTrue();
    AttributionVerdict cached = single(verdicts, serdes.verdicts());
    assertThat(cached.getUploadId()).isEqualTo("again");
    assertThat(cached.getCached()).isTrue();
    assertThat(cached.getVerdict()).isEqualTo(Decision.NOT_ATTRIBUTED);
    assertThat(cached.getSourceOffset()).isEqualTo(1);
    assertThat(single(audit, serdes.audit()).getVerdict().getCached()).isTrue();
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void shouldScreenTheSameBytesAgainWhenTheBundleOrTheOperatingPointOfTheSameVersionChanges() {
    byte[] image = UploadFixtures.png(28, 28, 6);
    send(UploadFixtures.inline("first", image));
    answer(read(requests, serdes.requests()).get(0), Decision.NOT_ATTRIBUTED, null);
    assertThat(single(verdicts, serdes.verdicts()).getCached()).isFalse();

    // Version 3 again, but another bundle under that number: the old decision is not reused.
    catalog.activate(
        new WatchedModel(
            TARGET.modelId(),
            TARGET.version(),
            TARGET.input(),
            TARGET.fnr(),
            null,
            "ab".repeat(32)));
    send(UploadFixtures.inline("replaced bundle", image));
    List<InversionRequest> asked = read(requests, serdes.requests());
    assertThat(asked).singleElement().satisfies(r -> assertThat(r.getModelVersion()).isEqualTo(3));
    answer(asked.get(0), Decision.ATTRIBUTED, null);
    assertThat(single(verdicts, serdes.verdicts()).getCached()).isFalse();

    // The same bundle at another FNR: screened again too.
    catalog.activate(
        new WatchedModel(
            TARGET.modelId(), TARGET.version(), TARGET.input(), 0.05, null, "ab".repeat(32)));
    send(UploadFixtures.inline("new operating point", image));
    answer(read(requests, serdes.requests()).get(0), Decision.NOT_ATTRIBUTED, null);
    assertThat(single(verdicts, serdes.verdicts()).getCached()).isFalse();

    // Unchanged since: answered from the cache with the latest decision.
    send(UploadFixtures.inline("unchanged", image));
    assertThat(requests.isEmpty()).isTrue();
    AttributionVerdict cached = single(verdicts, serdes.verdicts());
    assertThat(cached.getCached()).isTrue();
    assertThat(cached.getVerdict()).isEqualTo(Decision.NOT_ATTRIBUTED);
    alerts.readRecordsToList();
  }

  @Test
  void shouldScreenUploadsBehindASlowReferenceWithoutWaitingForItsFetch() {
    slowGate = new CountDownLatch(1);
    send(
        UploadFixtures.reference(
            "slow", IMAGES_URL + "/slow.png", UploadFixtures.sha256(SLOW_IMAGE)));
    send(
        UploadFixtures.reference(
            "fast", IMAGES_URL + "/fast.png", UploadFixtures.sha256(FAST_IMAGE)));
    send(UploadFixtures.inline("inline", UploadFixtures.png(28, 28, 10)));
    send(UploadFixtures.reference("missing", IMAGES_URL + "/missing.png", "ab".repeat(32)));

    // The inline upload behind the slow fetch is fanned out at once, the fast reference as soon as
    // its fetch ends; the failed fetch is dead-lettered with its reason.
    assertThat(read(requests, serdes.requests()))
        .extracting(InversionRequest::getUploadId)
        .containsExactly("inline");
    assertThat(awaitRequests(1)).extracting(InversionRequest::getUploadId).containsExactly("fast");
    awaitCondition(() -> !deadLetters.isEmpty());
    DeadLetter failed = single(deadLetters, serdes.deadLetters());
    assertThat(failed.getUploadId()).isEqualTo("missing");
    assertThat(failed.getReason()).isEqualTo(DeadLetterReason.REFERENCE_FETCH_FAILED);
    assertThat(failed.getDetail()).contains("HTTP status 404");

    // While its image is being fetched the slow upload's id is taken.
    send(
        UploadFixtures.reference(
            "slow", IMAGES_URL + "/fast.png", UploadFixtures.sha256(FAST_IMAGE)));
    DeadLetter duplicate = single(deadLetters, serdes.deadLetters());
    assertThat(duplicate.getReason()).isEqualTo(DeadLetterReason.DUPLICATE_UPLOAD);
    assertThat(duplicate.getDetail()).contains("still being screened");

    slowGate.countDown();
    List<InversionRequest> slow = awaitRequests(1);
    assertThat(slow).extracting(InversionRequest::getUploadId).containsExactly("slow");
    assertThat(slow.get(0).getImageSha256()).isEqualTo(UploadFixtures.sha256(SLOW_IMAGE));
    answer(slow.get(0), Decision.NOT_ATTRIBUTED, null);
    AttributionVerdict verdict = single(verdicts, serdes.verdicts());
    assertThat(verdict.getUploadId()).isEqualTo("slow");
    assertThat(verdict.getSourceOffset()).as("the producer's record, not a copy").isZero();
  }

  @Test
  void shouldForgetACachedDecisionOnceItsTimeToLiveHasPassedAndDecideTheBytesAgain() {
    TestOutputTopic<String, byte[]> decisions =
        driver.createOutputTopic(
            TOPICS.decisions(), new StringDeserializer(), new ByteArrayDeserializer());
    byte[] image = UploadFixtures.png(28, 28, 4);
    send(UploadFixtures.inline("first", image));
    answer(read(requests, serdes.requests()).get(0), Decision.NOT_ATTRIBUTED, null);
    single(verdicts, serdes.verdicts());
    String cacheKey = decisions.readRecord().key();
    assertThat(decisions.isEmpty()).isTrue();

    // Within the default 10 minutes the decision answers re-uploads, and nothing is deleted.
    driver.advanceWallClockTime(Duration.ofMinutes(9));
    send(UploadFixtures.inline("within", image));
    assertThat(single(verdicts, serdes.verdicts()).getCached()).isTrue();
    assertThat(requests.isEmpty()).isTrue();
    assertThat(decisions.isEmpty()).isTrue();

    // Past them, the sweep deletes the entry through the topic, and the bytes are screened anew.
    driver.advanceWallClockTime(Duration.ofMinutes(2));
    var tombstone = decisions.readRecord();
    assertThat(tombstone.key()).isEqualTo(cacheKey);
    assertThat(tombstone.value()).isNull();
    assertThat(decisions.isEmpty()).isTrue();
    send(UploadFixtures.inline("after", image));
    answer(read(requests, serdes.requests()).get(0), Decision.NOT_ATTRIBUTED, null);
    assertThat(single(verdicts, serdes.verdicts()).getCached()).isFalse();
    assertThat(decisions.readRecord().key()).isEqualTo(cacheKey);

    // The new decision is filed under its own expiry and deleted in its turn, once.
    driver.advanceWallClockTime(Duration.ofMinutes(9));
    assertThat(decisions.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertThat(decisions.readRecord().value()).isNull();
    driver.advanceWallClockTime(Duration.ofMinutes(20));
    assertThat(decisions.isEmpty()).isTrue();
  }

  @Test
  void shouldTimeOutAnUploadWhoseResultNeverArrivesAndIgnoreTheLateResult() {
    send(UploadFixtures.inline("slow", UploadFixtures.png(28, 28, 3)));
    InversionRequest request = read(requests, serdes.requests()).get(0);

    driver.advanceWallClockTime(Duration.ofSeconds(4));
    assertThat(verdicts.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofSeconds(2));

    AttributionVerdict verdict = single(verdicts, serdes.verdicts());
    assertThat(verdict.getVerdict()).isEqualTo(Decision.UNDECIDED);
    assertThat(verdict.getUndecidedReason()).isEqualTo(UndecidedReason.TIMEOUT);
    assertThat(verdict.getModels().get(0).getUndecidedReason()).isEqualTo(UndecidedReason.TIMEOUT);
    single(audit, serdes.audit());

    answer(request, Decision.ATTRIBUTED, null);
    assertThat(verdicts.isEmpty()).isTrue();
    assertThat(audit.isEmpty()).isTrue();
    assertThat(alerts.isEmpty()).isTrue();
    results.pipeInput(request.getUploadId().getBytes(), (byte[]) null);
    assertThat(lateResults).containsExactly(LateResult.NOT_PENDING, LateResult.TOMBSTONE);
  }

  @Test
  void shouldAnswerARepeatedUploadIdWithOneDuplicateDeadLetterUntilTheWindowHasPassed() {
    send(UploadFixtures.inline("once", UploadFixtures.png(28, 28, 31)));
    InversionRequest request = single(requests, serdes.requests());
    send(UploadFixtures.inline("once", UploadFixtures.png(28, 28, 32)));
    DeadLetter whilePending = single(deadLetters, serdes.deadLetters());
    assertThat(whilePending.getReason()).isEqualTo(DeadLetterReason.DUPLICATE_UPLOAD);
    assertThat(whilePending.getDetail()).contains("still being screened");
    answer(request, Decision.NOT_ATTRIBUTED, null);
    AttributionVerdict verdict = single(verdicts, serdes.verdicts());
    audit.readValuesToList();

    driver.advanceWallClockTime(Duration.ofSeconds(50));
    send(UploadFixtures.inline("once", UploadFixtures.png(28, 28, 33)));

    DeadLetter afterVerdict = single(deadLetters, serdes.deadLetters());
    assertThat(afterVerdict.getReason()).isEqualTo(DeadLetterReason.DUPLICATE_UPLOAD);
    assertThat(afterVerdict.getUploadId()).isEqualTo("once");
    assertThat(afterVerdict.getDetail()).contains("verdict " + verdict.getVerdictId());
    assertThat(single(audit, serdes.audit()).getOutcome()).isEqualTo(AuditOutcome.DEAD_LETTER);
    assertThat(requests.isEmpty()).isTrue();
    assertThat(verdicts.isEmpty()).isTrue();

    // Past the window (1 min here) the id is forgotten and screened like a new one.
    driver.advanceWallClockTime(Duration.ofSeconds(11));
    send(UploadFixtures.inline("once", UploadFixtures.png(28, 28, 34)));
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(read(requests, serdes.requests())).hasSize(1);
  }

  @Test
  void shouldScreenAFixedUploadUnderTheIdOfOneThatWasDeadLettered() {
    send(UploadFixtures.inline("fixed-later", new byte[] {1, 2, 3, 4, 5, 6}));
    assertThat(single(deadLetters, serdes.deadLetters()).getReason())
        .isEqualTo(DeadLetterReason.UNSUPPORTED_IMAGE);
    audit.readValuesToList();
    send(UploadFixtures.inline("fixed-later", UploadFixtures.png(28, 28, 35)));
    assertThat(deadLetters.isEmpty()).isTrue();
    answer(single(requests, serdes.requests()), Decision.NOT_ATTRIBUTED, null);
    assertThat(single(verdicts, serdes.verdicts()).getUploadId()).isEqualTo("fixed-later");
  }

  @Test
  void shouldScreenUploadsWhateverTheirKeyAndNameTheProducersRecordNotSpoofedHeaders() {
    ImageUpload nullKey = UploadFixtures.inline("id-a", UploadFixtures.png(28, 28, 21));
    ImageUpload otherKey = UploadFixtures.inline("id-b", UploadFixtures.png(28, 28, 22));
    // A producer's own copy of the service's origin headers must not move the coordinates.
    Headers spoofed =
        new RecordHeaders()
            .add(UploadOrigin.TOPIC, "elsewhere".getBytes(StandardCharsets.UTF_8))
            .add(UploadOrigin.PARTITION, "7".getBytes(StandardCharsets.UTF_8))
            .add(UploadOrigin.OFFSET, "999".getBytes(StandardCharsets.UTF_8));
    uploads.pipeInput(
        new TestRecord<>(
            null, serdes.uploads().serialize(TOPICS.uploads(), nullKey), spoofed, Instant.now()));
    uploads.pipeInput(
        "tenant-7".getBytes(StandardCharsets.UTF_8),
        serdes.uploads().serialize(TOPICS.uploads(), otherKey));

    var sent = requests.readKeyValuesToList();
    assertThat(sent).extracting(kv -> kv.key).containsExactly("id-a", "id-b");
    for (var request : sent) {
      answer(serdes.requests().deserialize("any", request.value), Decision.NOT_ATTRIBUTED, null);
    }

    var ended = verdicts.readKeyValuesToList();
    assertThat(ended).extracting(kv -> kv.key).containsExactly("id-a", "id-b");
    List<AttributionVerdict> decided = new ArrayList<>();
    for (var kv : ended) {
      decided.add(serdes.verdicts().deserialize("any", kv.value));
    }
    assertThat(decided)
        .allSatisfy(
            v -> {
              assertThat(v.getVerdict()).isEqualTo(Decision.NOT_ATTRIBUTED);
              assertThat(v.getSourceTopic()).isEqualTo(TOPICS.uploads());
              assertThat(v.getSourcePartition()).isEqualTo(0);
            });
    assertThat(decided).extracting(AttributionVerdict::getSourceOffset).containsExactly(0L, 1L);
    assertThat(lateResults).isEmpty();
  }

  @Test
  void shouldEndInUndecidedWorkerErrorWhenTheWorkerGivesUp() {
    send(UploadFixtures.inline("broken", UploadFixtures.png(28, 28, 4)));
    answer(
        read(requests, serdes.requests()).get(0),
        Decision.UNDECIDED,
        new InversionError(InversionErrorReason.SOLVER_FAILED, "non-finite values"));

    AttributionVerdict verdict = single(verdicts, serdes.verdicts());
    assertThat(verdict.getVerdict()).isEqualTo(Decision.UNDECIDED);
    assertThat(verdict.getUndecidedReason()).isEqualTo(UndecidedReason.WORKER_ERROR);
  }

  @Test
  void shouldDeadLetterEveryKindOfBadInputWithItsReasonAndAnAuditRecord() throws Exception {
    Path outside = Files.write(stateDir.resolve("secret.png"), UploadFixtures.png(28, 28, 5));
    byte[] good = UploadFixtures.png(28, 28, 6);
    Map<String, DeadLetterReason> expected = new HashMap<>();

    uploads.pipeInput("junk".getBytes(), new byte[] {7, 1, 2, 3});
    expected.put("junk", DeadLetterReason.UNDECODABLE_AVRO);
    uploads.pipeInput("unknown-id".getBytes(), new byte[] {0, 0, 0, 0x7f, 0x11, 1, 2});
    expected.put("unknown-id", DeadLetterReason.UNKNOWN_SCHEMA_ID);
    byte[] valid = serdes.uploads().serialize(TOPICS.uploads(), UploadFixtures.inline("x", good));
    uploads.pipeInput("truncated-avro".getBytes(), java.util.Arrays.copyOf(valid, 9));
    expected.put("truncated-avro", DeadLetterReason.UNDECODABLE_AVRO);
    send(UploadFixtures.inline("too-big", new byte[25_000]));
    expected.put("too-big", DeadLetterReason.TOO_MANY_BYTES);
    send(UploadFixtures.inline("bomb", UploadFixtures.pngHeaderOnly(20_000, 20_000)));
    expected.put("bomb", DeadLetterReason.TOO_MANY_PIXELS);
    send(UploadFixtures.inline("gif", UploadFixtures.gif()));
    expected.put("gif", DeadLetterReason.UNSUPPORTED_IMAGE);
    send(UploadFixtures.inline("corrupt", UploadFixtures.truncatedPng()));
    expected.put("corrupt", DeadLetterReason.CORRUPT_IMAGE);
    send(UploadFixtures.inline("wrong-size", UploadFixtures.png(32, 32, 7)));
    expected.put("wrong-size", DeadLetterReason.SIZE_NOT_ACCEPTED);
    send(
        UploadFixtures.reference(
            "not-allowed", outside.toUri().toString(), UploadFixtures.sha256(good)));
    expected.put("not-allowed", DeadLetterReason.REFERENCE_NOT_ALLOWED);
    send(
        UploadFixtures.reference(
            "climb", "https://cdn.example.com/a/../../etc/passwd", UploadFixtures.sha256(good)));
    expected.put("climb", DeadLetterReason.REFERENCE_NOT_ALLOWED);
    send(
        UploadFixtures.base("mismatch")
            .setImageBytes(ByteBuffer.wrap(good))
            .setSha256(UploadFixtures.sha256(new byte[] {1}))
            .build());
    expected.put("mismatch", DeadLetterReason.DIGEST_MISMATCH);
    send(
        UploadFixtures.base("no-tenant")
            .setTenant(" ")
            .setImageBytes(ByteBuffer.wrap(good))
            .build());
    expected.put("no-tenant", DeadLetterReason.INVALID_UPLOAD);
    send(UploadFixtures.base("no-image").build());
    expected.put("no-image", DeadLetterReason.INVALID_UPLOAD);
    uploads.pipeInput("tombstone".getBytes(), (byte[]) null);
    expected.put("tombstone", DeadLetterReason.INVALID_UPLOAD);

    List<DeadLetter> letters = read(deadLetters, serdes.deadLetters());
    Map<String, DeadLetterReason> actual = new HashMap<>();
    for (DeadLetter letter : letters) {
      assertThat(letter.getDetail()).isNotBlank();
      assertThat(letter.getSourceTopic()).isEqualTo(TOPICS.uploads());
      actual.put(letter.getUploadId(), letter.getReason());
    }
    assertThat(letters).hasSize(expected.size());
    assertThat(actual).isEqualTo(expected);
    List<AuditRecord> audits = read(audit, serdes.audit());
    assertThat(audits).hasSize(expected.size());
    assertThat(audits).allMatch(a -> a.getOutcome() == AuditOutcome.DEAD_LETTER);
    assertThat(requests.isEmpty()).isTrue();
    assertThat(verdicts.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterADuplicateUploadIdWhileTheFirstIsPendingAndStillDecideTheFirstOnce() {
    send(UploadFixtures.inline("dup", UploadFixtures.png(28, 28, 8)));
    send(UploadFixtures.inline("dup", UploadFixtures.png(28, 28, 8)));

    assertThat(single(deadLetters, serdes.deadLetters()).getReason())
        .isEqualTo(DeadLetterReason.DUPLICATE_UPLOAD);
    List<InversionRequest> sent = read(requests, serdes.requests());
    assertThat(sent).hasSize(1);
    answer(sent.get(0), Decision.NOT_ATTRIBUTED, null);
    answer(sent.get(0), Decision.NOT_ATTRIBUTED, null); // redelivered result
    assertThat(read(verdicts, serdes.verdicts())).hasSize(1);
  }

  @Test
  void shouldAnswerUnknownRequestedModelsAsUnavailableAndUploadsWithoutModelsAsNoModels() {
    send(
        UploadFixtures.base("unknown-model")
            .setImageBytes(ByteBuffer.wrap(UploadFixtures.png(28, 28, 9)))
            .setModelIds(List.of("no-such-model"))
            .build());
    AttributionVerdict verdict = single(verdicts, serdes.verdicts());
    assertThat(verdict.getVerdict()).isEqualTo(Decision.UNDECIDED);
    assertThat(verdict.getUndecidedReason()).isEqualTo(UndecidedReason.MODEL_UNAVAILABLE);
    assertThat(requests.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterANearlyOneMebibyteUploadWithItsDigestAndSizeInAFewDozenKiB() {
    byte[] image = new byte[1_040_000];
    new java.util.Random(11).nextBytes(image);
    byte[] value =
        serdes.uploads().serialize(TOPICS.uploads(), UploadFixtures.inline("huge", image));

    uploads.pipeInput("huge".getBytes(), value);

    var letters = deadLetters.readKeyValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).key).isEqualTo("huge");
    assertThat(letters.get(0).value.length).isLessThan(100 << 10);
    DeadLetter letter = serdes.deadLetters().deserialize("any", letters.get(0).value);
    assertThat(letter.getReason()).isEqualTo(DeadLetterReason.TOO_MANY_BYTES);
    assertThat(letter.getOriginalValue()).isNull();
    assertThat(letter.getOriginalValueSize()).isEqualTo(value.length);
    assertThat(letter.getOriginalValueSha256()).isEqualTo(UploadFixtures.sha256(value));
    assertThat(letter.getOriginalValuePrefix().remaining()).isEqualTo((64 << 10) - 4);
    assertThat(single(audit, serdes.audit()).getDeadLetter().getReason())
        .isEqualTo(DeadLetterReason.TOO_MANY_BYTES);
  }

  @Test
  void shouldDeadLetterAnUploadWithA200KiBIdUnderANullKeyWithTheKeysDigest() {
    String id = "i".repeat(200 << 10);
    byte[] key = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);

    uploads.pipeInput(
        key,
        serdes
            .uploads()
            .serialize(
                TOPICS.uploads(), UploadFixtures.inline(id, UploadFixtures.png(28, 28, 12))));

    var letters = deadLetters.readKeyValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).key).isNull();
    assertThat(letters.get(0).value.length).isLessThan(100 << 10);
    DeadLetter letter = serdes.deadLetters().deserialize("any", letters.get(0).value);
    assertThat(letter.getReason()).isEqualTo(DeadLetterReason.INVALID_UPLOAD);
    assertThat(letter.getDetail()).contains("uploadId has 204800 characters");
    assertThat(letter.getUploadId()).isNull();
    assertThat(letter.getOriginalKeySize()).isEqualTo(key.length);
    assertThat(letter.getOriginalKeySha256()).isEqualTo(UploadFixtures.sha256(key));
    AuditRecord record = single(audit, serdes.audit());
    assertThat(record.getUploadId()).isEqualTo(TOPICS.uploads() + "-0@0");
    assertThat(requests.isEmpty()).isTrue();
  }

  @Test
  void shouldRaiseOneFloodAlertPerEpisodeWhenAttributionsBurstFarAboveTheirBaseline() {
    TestInputTopic<byte[], byte[]> alertsIn =
        driver.createInputTopic(
            TOPICS.alerts(), new ByteArraySerializer(), new ByteArraySerializer());
    Instant hour = Instant.parse("2026-12-02T10:00:00Z");
    // Half an hour of a steady 3 attributions per minute for tenant A: below 20, no alarm.
    for (int minute = 0; minute < 30; minute++) {
      attribute(alertsIn, "photos-a", hour.plusSeconds(60L * minute), 3);
    }
    assertThat(floods()).isEmpty();

    // Minute 30: 25 attributions. The 20th reaches both 20 and 5 × the baseline (90 / 60 = 1.5).
    attribute(alertsIn, "photos-a", hour.plusSeconds(60L * 30), 25);
    List<TestRecord<String, byte[]>> first = floods();
    assertThat(first).hasSize(1);
    Alert flood = serdes.alerts().deserialize("any", first.get(0).value());
    assertThat(first.get(0).key()).isEqualTo("flood/dcgan-fashion/photos-a");
    assertThat(flood.getKind()).isEqualTo(AlertKind.FLOOD);
    assertThat(flood.getUploadId()).isNull();
    assertThat(flood.getModelId()).isEqualTo("dcgan-fashion");
    assertThat(flood.getTenant()).isEqualTo("photos-a");
    assertThat(flood.getFlood().getCount()).isEqualTo(20);
    assertThat(flood.getFlood().getWindowStart()).isEqualTo(hour.plusSeconds(60L * 30));
    assertThat(flood.getFlood().getBaselinePerWindow()).isEqualTo(1.5);
    assertThat(flood.getFlood().getBaselineWindows()).isEqualTo(60);

    // The burst goes on in minute 31: the same episode, no second alert. Another tenant's burst
    // is its own episode.
    attribute(alertsIn, "photos-a", hour.plusSeconds(60L * 31), 30);
    attribute(alertsIn, "photos-b", hour.plusSeconds(60L * 31), 25);
    assertThat(floods())
        .extracting(TestRecord::key)
        .containsExactly("flood/dcgan-fashion/photos-b");

    // Minute 32 passes without an attribution: the episode is over, and a new burst in minute 33
    // alarms again once it reaches the minimum count (5 × the baseline, 145 / 60, is only 12.1).
    attribute(alertsIn, "photos-a", hour.plusSeconds(60L * 33), 19);
    assertThat(floods()).as("19 is under the minimum count").isEmpty();
    attribute(alertsIn, "photos-a", hour.plusSeconds(60L * 33 + 30), 1);
    assertThat(floods())
        .extracting(TestRecord::key)
        .containsExactly("flood/dcgan-fashion/photos-a");
  }

  /** {@code count} ATTRIBUTION alerts for {@code tenant} raised at {@code at}. */
  private void attribute(
      TestInputTopic<byte[], byte[]> alertsIn, String tenant, Instant at, int count) {
    for (int i = 0; i < count; i++) {
      String uploadId = tenant + "-" + at.toEpochMilli() + "-" + i;
      Alert alert =
          Alert.newBuilder()
              .setAlertId("alert-" + uploadId)
              .setUploadId(uploadId)
              .setTenant(tenant)
              .setImageSha256("0".repeat(64))
              .setModelId("dcgan-fashion")
              .setModelVersion(1)
              .setScore(0.1)
              .setPValue(0.5)
              .setFnr(0.005)
              .setThreshold(0.7)
              .setVerdictId("verdict-" + uploadId)
              .setRaisedAt(at)
              .setKind(AlertKind.ATTRIBUTION)
              .build();
      alertsIn.pipeInput(uploadId.getBytes(), serdes.alerts().serialize(TOPICS.alerts(), alert));
    }
  }

  /** The FLOOD alerts written since the last call (the attribution alerts piped in are skipped). */
  private List<TestRecord<String, byte[]>> floods() {
    return alerts.readRecordsToList().stream()
        .filter(r -> r.key() != null && r.key().startsWith("flood/"))
        .toList();
  }

  /** Lets the punctuators run until {@code count} requests are out (fetches end on their own). */
  private List<InversionRequest> awaitRequests(int count) {
    List<InversionRequest> out = new ArrayList<>();
    awaitCondition(
        () -> {
          out.addAll(read(requests, serdes.requests()));
          return out.size() >= count;
        });
    return out;
  }

  private void awaitCondition(java.util.function.BooleanSupplier condition) {
    long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(giveUp);
      driver.advanceWallClockTime(UploadProcessor.FETCH_POLL);
      try {
        Thread.sleep(UploadProcessor.FETCH_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static HttpServer imageServer() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/images/fast.png", exchange -> respond(exchange, FAST_IMAGE));
      server.createContext(
          "/images/slow.png",
          exchange -> {
            try {
              slowGate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            respond(exchange, SLOW_IMAGE);
          });
      server.createContext(
          "/images/missing.png",
          exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
          });
      // One thread per request, so the slow response holds up nothing else.
      server.setExecutor(Executors.newCachedThreadPool(daemon()));
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread thread = new Thread(r, "test-image-server");
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void respond(HttpExchange exchange, byte[] body) throws IOException {
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @AfterAll
  static void stopImageServer() {
    slowGate.countDown();
    IMAGES.stop(0);
  }

  private void send(ImageUpload upload) {
    uploads.pipeInput(
        upload.getUploadId().getBytes(), serdes.uploads().serialize(TOPICS.uploads(), upload));
  }

  private void answer(InversionRequest request, Decision decision, InversionError error) {
    InversionResult result =
        InversionResult.newBuilder()
            .setUploadId(request.getUploadId())
            .setModelId(request.getModelId())
            .setModelVersion(request.getModelVersion())
            .setImageSha256(request.getImageSha256())
            .setDecision(decision)
            .setScore(error == null ? 0.4 : null)
            .setPValue(error == null ? 0.3 : null)
            .setFnr(error == null ? 0.005 : null)
            .setThreshold(error == null ? 0.7 : null)
            .setSolver(null)
            .setTimings(new InversionTimings(1L, 0L, 20L, 2L))
            .setWorkerId("test-worker")
            .setAttempt(1)
            .setCompletedAt(Instant.now())
            .setError(error)
            .build();
    results.pipeInput(
        request.getUploadId().getBytes(), serdes.results().serialize(TOPICS.results(), result));
  }

  private static <T extends SpecificRecord> List<T> read(
      TestOutputTopic<String, byte[]> topic, AvroSerde<T> serde) {
    List<T> out = new ArrayList<>();
    for (byte[] value : topic.readValuesToList()) {
      out.add(serde.deserialize("any", value));
    }
    return out;
  }

  private static <T extends SpecificRecord> T single(
      TestOutputTopic<String, byte[]> topic, AvroSerde<T> serde) {
    List<T> all = read(topic, serde);
    assertThat(all).hasSize(1);
    return all.get(0);
  }
}
