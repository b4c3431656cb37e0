package org.flipad.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.flipad.core.bundle.Sha256;
import org.flipad.core.data.ColorMode;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.core.data.PngWriter;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;
import org.flipad.schema.ImageUpload;
import org.flipad.streams.deadletter.BoundedDeadLetters;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.model.WatchedModel;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.ScreeningListener;
import org.flipad.streams.topology.ScreeningSettings;
import org.flipad.streams.topology.ScreeningTopology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output too large to write, through the service's own Streams configuration ({@link
 * ScreeningService#properties}) under Kafka Streams' TopologyTestDriver: the capped sink refuses it
 * before the producer, the production exception handler drops and dead-letters it, and the upload
 * and the ones after it go on.
 */
class OversizedOutputTest {

  private static final Topics TOPICS = Topics.defaults();
  private static final WatchedModel GRAY_28 =
      new WatchedModel(
          "dcgan-seed1",
          3,
          new ModelInputFormat(ColorMode.GRAYSCALE, 28, 28, OutputActivation.TANH),
          0.005);

  /** Above an inversion request for a 28×28 gray model, below a 28×28 colour-noise PNG. */
  private static final int MAX_OUTPUT_BYTES = 1_800;

  @TempDir Path stateDir;

  private EmbeddedSchemaRegistry registry;
  private ServiceSerdes serdes;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> uploads;
  private TestOutputTopic<String, byte[]> requests;
  private TestOutputTopic<String, byte[]> archive;
  private TestOutputTopic<String, byte[]> deadLetters;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start();
    HttpSchemaRegistryClient client =
        HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registry.uri()));
    serdes = ServiceSerdes.create(client, AvroSerdeSettings.defaults());
    serdes.registerAll(client, TOPICS);
    ScreeningSettings settings = ScreeningSettings.defaults().withMaxOutputBytes(MAX_OUTPUT_BYTES);
    DeadLetteringProductionExceptionHandler.Wiring wiring =
        new DeadLetteringProductionExceptionHandler.Wiring(
            serdes.deadLetters(),
            TOPICS,
            new BoundedDeadLetters(settings.deadLetterLimits()),
            "flipad-streams-0",
            ScreeningListener.NONE,
            InstantSource.system());
    driver =
        new TopologyTestDriver(
            ScreeningTopology.build(
                TOPICS,
                serdes,
                ModelCatalog.of(List.of(GRAY_28)),
                settings,
                ScreeningListener.NONE),
            ScreeningService.properties(
                Map.of("bootstrap.servers", "unused:9092"), "oversized-test", stateDir, wiring),
            Instant.now());
    ByteArraySerializer bytes = new ByteArraySerializer();
    uploads = driver.createInputTopic(TOPICS.uploads(), bytes, bytes);
    StringDeserializer keys = new StringDeserializer();
    ByteArrayDeserializer values = new ByteArrayDeserializer();
    requests = driver.createOutputTopic(TOPICS.requests(), keys, values);
    archive = driver.createOutputTopic(TOPICS.images(), keys, values);
    deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), keys, values);
  }

  @AfterEach
  void stop() {
    driver.close();
    registry.close();
  }

  @Test
  void shouldDropAndDeadLetterAnOversizedOutputAndGoOnWithTheUploadAndTheNext() {
    byte[] colour = png(3, 1);
    byte[] gray = png(1, 2);
    assertThat(colour.length).isGreaterThan(MAX_OUTPUT_BYTES);
    assertThat(gray.length).isLessThan(MAX_OUTPUT_BYTES);

    send("colour", colour);
    send("gray", gray);

    // Both uploads were fanned out; only the gray one could be archived.
    assertThat(requests.readKeyValuesToList())
        .extracting(kv -> kv.key)
        .containsExactly("colour", "gray");
    assertThat(archive.readKeyValuesToList())
        .extracting(kv -> kv.key)
        .containsExactly(Sha256.ofBytes(gray));
    var letters = deadLetters.readKeyValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).key).isNull();
    DeadLetter letter = serdes.deadLetters().deserialize("any", letters.get(0).value);
    assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
    assertThat(letter.getStage()).isEqualTo(DeadLetterStage.PRODUCE);
    // The input being processed when the output failed: the upload's copy re-keyed by id.
    assertThat(letter.getSourceTopic()).isEqualTo(TOPICS.uploadsById());
    assertThat(letter.getSourceOffset()).isZero();
    assertThat(letter.getOriginalValueSize()).isEqualTo(colour.length);
    assertThat(letter.getOriginalValueSha256()).isEqualTo(Sha256.ofBytes(colour));
    assertThat(letter.getDetail()).contains(TOPICS.images()).contains("RECORD_TOO_LARGE");
  }

  private void send(String id, byte[] image) {
    ImageUpload upload =
        ImageUpload.newBuilder()
            .setUploadId(id)
            .setTenant("tenant-a")
            .setUploadedAt(Instant.now())
            .setContentType("image/png")
            .setImageBytes(ByteBuffer.wrap(image))
            .build();
    uploads.pipeInput(id.getBytes(), serdes.uploads().serialize(TOPICS.uploads(), upload));
  }

  /** A 28×28 noise PNG with {@code channels} channels (noise does not compress). */
  private static byte[] png(int channels, long seed) {
    byte[] pixels = new byte[channels * 28 * 28];
    new Random(seed).nextBytes(pixels);
    return PngWriter.encode(new Image8(channels, 28, 28, pixels));
  }
}
