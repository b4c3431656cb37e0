package org.flipad.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.flipad.core.bundle.Sha256;
import org.flipad.core.data.Image8;
import org.flipad.core.data.PngWriter;
import org.flipad.schema.AttributionVerdict;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.Decision;
import org.flipad.schema.ImageUpload;
import org.flipad.schema.UndecidedReason;
import org.flipad.streams.InJvmStack;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.ScreeningListener;
import org.flipad.streams.topology.ScreeningSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison and oversized uploads among good ones, on the in-JVM Kafka cluster with the real schema
 * registry and exactly-once processing: each bad upload ends in exactly one dead letter small
 * enough to write, each good one in exactly one verdict, and Kafka Streams never leaves RUNNING.
 *
 * <p>Sizes: the broker keeps Kafka's default {@code message.max.bytes} (1,048,588 bytes) and the
 * producers their default {@code max.request.size} (1,048,576 bytes), so the near-1 MiB upload is
 * accepted by the broker; before dead letters were bounded, its dead letter (a copy of it plus
 * fields) was not. No model is watched, so a good upload's verdict (UNDECIDED, NO_MODELS) needs no
 * inversion worker.
 *
 * <p>An upload by reference whose fetch is still running when its task changes owner is fetched
 * again by the new owner, from the {@code pending-fetches} store restored from its changelog, and
 * ends once.
 */
@Timeout(180)
class PoisonRecordIT {

  private static final int NEAR_ONE_MIB_IMAGE = 1_040_000;
  private static final int LARGE_KEY_CHARS = 200 << 10;

  private static InJvmStack stack;

  @TempDir Path work;

  @BeforeAll
  static void startCluster() throws Exception {
    stack = InJvmStack.start();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    stack.close();
  }

  /** An upload as sent: its key and value bytes and where the broker put it. */
  private record Sent(String label, byte[] key, byte[] value, RecordMetadata at) {}

  @Test
  void shouldDeadLetterEachPoisonOrOversizedUploadOnceAndDecideEveryGoodOneWhileStayingRunning()
      throws Exception {
    Topics topics = Topics.defaults().withPrefix("poison.");
    ServiceSerdes serdes = stack.prepare(topics);
    List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();
    // One good upload comes by reference: its fetch runs off the stream thread.
    Path images = Files.createDirectories(work.resolve("images"));
    byte[] referenced = png(5);
    Path referencedFile = Files.write(images.resolve("by-reference.png"), referenced);
    try (ScreeningService service =
            service(
                topics,
                serdes,
                ScreeningSettings.defaults()
                    .withReferenceAllowlist(List.of(images.toUri().toString())),
                work.resolve("state"));
        KafkaProducer<byte[], byte[]> producer = producer()) {
      service.streams().setStateListener((now, before) -> states.add(now));
      service.start();
      await().atMost(Duration.ofSeconds(60)).until(service::running);

      String uploads = topics.uploads();
      List<Sent> good = new ArrayList<>();
      List<Sent> bad = new ArrayList<>();
      good.add(send(producer, uploads, "good-0", upload(serdes, uploads, "good-0", png(0))));
      byte[] poison = poisonArray(serdes, uploads);
      bad.add(send(producer, uploads, "poison-array", poison));
      good.add(send(producer, uploads, "good-1", upload(serdes, uploads, "good-1", png(1))));
      byte[] huge = upload(serdes, uploads, "near-1mib", noise(NEAR_ONE_MIB_IMAGE));
      bad.add(send(producer, uploads, "near-1mib", huge));
      good.add(send(producer, uploads, "good-2", upload(serdes, uploads, "good-2", png(2))));
      String longId = "k".repeat(LARGE_KEY_CHARS);
      bad.add(send(producer, uploads, longId, upload(serdes, uploads, longId, png(3))));
      good.add(send(producer, uploads, "good-3", upload(serdes, uploads, "good-3", png(4))));
      good.add(
          send(
              producer,
              uploads,
              "good-by-reference",
              serdes
                  .uploads()
                  .serialize(
                      uploads,
                      ImageUpload.newBuilder()
                          .setUploadId("good-by-reference")
                          .setTenant("tenant-a")
                          .setUploadedAt(Instant.now())
                          .setContentType("image/png")
                          .setImageUri(referencedFile.toUri().toString())
                          .setSha256(Sha256.ofBytes(referenced))
                          .build())));
      assertThat(poison).hasSize(69);
      assertThat(huge.length).isBetween(1_000_000, 1_048_576 - 1_000);

      Terminals ended = readTerminals(topics, serdes, good.size(), bad.size());

      assertThat(states)
          .doesNotContain(
              KafkaStreams.State.ERROR,
              KafkaStreams.State.PENDING_ERROR,
              KafkaStreams.State.PENDING_SHUTDOWN,
              KafkaStreams.State.NOT_RUNNING);
      assertThat(service.running()).isTrue();
      assertThat(ended.deadLetters()).hasSize(bad.size());
      assertDeadLetter(ended, bad.get(0), DeadLetterReason.UNDECODABLE_AVRO);
      assertDeadLetter(ended, bad.get(1), DeadLetterReason.TOO_MANY_BYTES);
      assertDeadLetter(ended, bad.get(2), DeadLetterReason.INVALID_UPLOAD);
      assertThat(ended.verdicts()).hasSize(good.size());
      for (Sent upload : good) {
        assertThat(ended.verdicts())
            .filteredOn(v -> v.getUploadId().equals(upload.label()))
            .singleElement()
            .satisfies(
                v -> {
                  assertThat(v.getVerdict()).isEqualTo(Decision.UNDECIDED);
                  assertThat(v.getUndecidedReason()).isEqualTo(UndecidedReason.NO_MODELS);
                });
      }
      assertThat(ended.audits()).isEqualTo(good.size() + bad.size());
      assertThat(service.uploadsInFlight())
          .as("nothing left pending or being fetched, counted in the stores")
          .hasValue(0);
    }
  }

  @Test
  void shouldFetchAgainAReferenceWhoseFetchThePreviousOwnerOfItsTaskLeftUnfinished()
      throws Exception {
    Topics topics = Topics.defaults().withPrefix("refetch.");
    ServiceSerdes serdes = stack.prepare(topics);
    byte[] image = png(7);
    CountDownLatch serverLetGo = new CountDownLatch(1);
    AtomicInteger fetchesServed = new AtomicInteger();
    HttpServer images =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    images.createContext(
        "/images/held.png",
        exchange -> {
          fetchesServed.incrementAndGet();
          try {
            serverLetGo.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.getResponseHeaders().add("Content-Type", "image/png");
          exchange.sendResponseHeaders(200, image.length);
          exchange.getResponseBody().write(image);
          exchange.close();
        });
    images.setExecutor(Executors.newCachedThreadPool());
    images.start();
    String base = "http://127.0.0.1:" + images.getAddress().getPort() + "/images/";
    ScreeningSettings settings = ScreeningSettings.defaults().withReferenceAllowlist(List.of(base));
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      try (ScreeningService first = service(topics, serdes, settings, work.resolve("state-1"))) {
        first.start();
        await().atMost(Duration.ofSeconds(60)).until(first::running);
        send(
            producer,
            topics.uploads(),
            "held",
            serdes
                .uploads()
                .serialize(
                    topics.uploads(),
                    ImageUpload.newBuilder()
                        .setUploadId("held")
                        .setTenant("tenant-a")
                        .setUploadedAt(Instant.now())
                        .setContentType("image/png")
                        .setImageUri(base + "held.png")
                        .setSha256(Sha256.ofBytes(image))
                        .build()));
        await().atMost(Duration.ofSeconds(60)).until(() -> fetchesServed.get() == 1);
        assertThat(first.uploadsInFlight()).hasValue(1);
        // Closing hands the task over (as a rebalance would) with the fetch still running.
      }
      serverLetGo.countDown();

      // A new owner with no local state: the pending fetch comes back from its changelog and is
      // started again, and the upload ends once.
      try (ScreeningService second = service(topics, serdes, settings, work.resolve("state-2"))) {
        second.start();
        Terminals ended = readTerminals(topics, serdes, 1, 0);
        assertThat(fetchesServed.get()).as("fetched again by the new owner").isEqualTo(2);
        assertThat(ended.deadLetters()).isEmpty();
        assertThat(ended.verdicts())
            .singleElement()
            .satisfies(
                v -> {
                  assertThat(v.getUploadId()).isEqualTo("held");
                  assertThat(v.getVerdict()).isEqualTo(Decision.UNDECIDED);
                  assertThat(v.getUndecidedReason()).isEqualTo(UndecidedReason.NO_MODELS);
                });
        assertThat(ended.audits()).isEqualTo(1);
        assertThat(second.uploadsInFlight()).hasValue(0);
      }
    } finally {
      images.stop(0);
    }
  }

  /** A screening service with no watched model, so verdicts need no inversion worker. */
  private static ScreeningService service(
      Topics topics, ServiceSerdes serdes, ScreeningSettings settings, Path state) {
    return new ScreeningService(
        stack.client(),
        "screening-" + topics.uploads(),
        state,
        topics,
        serdes,
        ModelCatalog.of(List.of()),
        settings,
        ScreeningListener.NONE);
  }

  private static void assertDeadLetter(Terminals ended, Sent upload, DeadLetterReason reason) {
    List<Map.Entry<byte[], DeadLetter>> matching =
        ended.deadLetters().stream()
            .filter(
                e ->
                    e.getValue().getSourcePartition() == upload.at().partition()
                        && e.getValue().getSourceOffset() == upload.at().offset())
            .toList();
    assertThat(matching).as(reasonLabel(upload)).hasSize(1);
    byte[] serialised = matching.get(0).getKey();
    DeadLetter letter = matching.get(0).getValue();
    assertThat(serialised.length).as(reasonLabel(upload)).isLessThan(100 << 10);
    assertThat(letter.getReason()).as(reasonLabel(upload)).isEqualTo(reason);
    assertThat(letter.getOriginalValueSize()).isEqualTo(upload.value().length);
    assertThat(letter.getOriginalValueSha256()).isEqualTo(Sha256.ofBytes(upload.value()));
    assertThat(letter.getOriginalKeySize()).isEqualTo(upload.key().length);
    assertThat(letter.getOriginalKeySha256()).isEqualTo(Sha256.ofBytes(upload.key()));
  }

  private static String reasonLabel(Sent upload) {
    return upload.label().length() > 40 ? "large-key upload" : upload.label();
  }

  /** Terminal records read back: dead letters (serialised bytes → record), verdicts, audits. */
  private record Terminals(
      List<Map.Entry<byte[], DeadLetter>> deadLetters,
      List<AttributionVerdict> verdicts,
      int audits) {}

  /**
   * Reads the committed dead letters, verdicts and audit records until the expected counts are
   * there and nothing more arrives for 3 s, so that a duplicate would be seen.
   */
  private static Terminals readTerminals(
      Topics topics, ServiceSerdes serdes, int verdictsExpected, int deadLettersExpected) {
    Map<String, Object> props = new HashMap<>(stack.client());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topics.uploads());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<Map.Entry<byte[], DeadLetter>> deadLetters = new ArrayList<>();
    List<AttributionVerdict> verdicts = new ArrayList<>();
    int[] audits = {0};
    long[] quietSince = {System.nanoTime()};
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topics.deadLetters(), topics.verdicts(), topics.audit()));
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  quietSince[0] = System.nanoTime();
                  if (record.topic().equals(topics.deadLetters())) {
                    deadLetters.add(
                        Map.entry(
                            record.value(),
                            serdes.deadLetters().deserialize(record.topic(), record.value())));
                  } else if (record.topic().equals(topics.verdicts())) {
                    verdicts.add(serdes.verdicts().deserialize(record.topic(), record.value()));
                  } else {
                    audits[0]++;
                  }
                }
                boolean complete =
                    verdicts.size() >= verdictsExpected
                        && deadLetters.size() >= deadLettersExpected
                        && audits[0] >= verdictsExpected + deadLettersExpected;
                return complete && System.nanoTime() - quietSince[0] > 3_000_000_000L;
              });
    }
    return new Terminals(deadLetters, verdicts, audits[0]);
  }

  private static Sent send(
      KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value)
      throws Exception {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    RecordMetadata at = producer.send(new ProducerRecord<>(topic, keyBytes, value)).get();
    return new Sent(key, keyBytes, value, at);
  }

  private static byte[] upload(ServiceSerdes serdes, String topic, String id, byte[] image) {
    return serdes
        .uploads()
        .serialize(
            topic,
            ImageUpload.newBuilder()
                .setUploadId(id)
                .setTenant("tenant-a")
                .setUploadedAt(Instant.now())
                .setContentType("image/png")
                .setImageBytes(ByteBuffer.wrap(image))
                .build());
  }

  /**
   * A 69-byte ImageUpload value in the Confluent wire format whose modelIds array declares
   * 2<sup>31</sup>−9 items and holds none: Avro's own limits let it through.
   */
  private static byte[] poisonArray(ServiceSerdes serdes, String topic) {
    byte[] registered = upload(serdes, topic, "x", new byte[1]);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    avroString(body, "p".repeat(38)); // uploadId
    avroString(body, "t"); // tenant
    body.write(0); // source: null
    body.write(0); // uploader: null
    avroLong(body, 0); // uploadedAt
    avroString(body, "image/png"); // contentType
    body.writeBytes(new byte[] {0, 0, 0, 0}); // imageBytes, imageUri, sha256, sizeBytes: null
    avroLong(body, 1); // modelIds: the array branch of the union
    avroLong(body, 2_147_483_639L); // block count, and nothing follows
    return ByteBuffer.allocate(5 + body.size())
        .put(Arrays.copyOf(registered, 5)) // magic 0 and the registered schema id
        .put(body.toByteArray())
        .array();
  }

  private static void avroString(ByteArrayOutputStream out, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    avroLong(out, utf8.length);
    out.writeBytes(utf8);
  }

  private static void avroLong(ByteArrayOutputStream out, long value) {
    long zigZag = (value << 1) ^ (value >> 63);
    while ((zigZag & ~0x7fL) != 0) {
      out.write((int) ((zigZag & 0x7f) | 0x80));
      zigZag >>>= 7;
    }
    out.write((int) zigZag);
  }

  private static byte[] png(long seed) {
    byte[] pixels = new byte[28 * 28];
    new Random(seed).nextBytes(pixels);
    return PngWriter.encode(new Image8(1, 28, 28, pixels));
  }

  private static byte[] noise(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    Map<String, Object> props = new HashMap<>(stack.client());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(props);
  }
}
