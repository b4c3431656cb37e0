package org.flipad.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flipad.schema.Feedback;
import org.flipad.schema.FeedbackLabel;
import org.flipad.schema.ImageUpload;
import org.flipad.streams.NodeScripts;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.registry.SchemaRegistryClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability of {@link AvroSerde} and the embedded registry with registry clients FLIPAD did
 * not write: the npm packages {@code @kafkajs/confluent-schema-registry} and {@code
 * @confluentinc/schemaregistry}, driven by {@code src/test/node/registry-interop.js} in a Node
 * subprocess, exchanging Confluent-framed bytes through files.
 *
 * <p>Skips when {@code node} is not on the PATH or the packages are not installed ({@code npm ci
 * --prefix streams-app/src/test/node}); fails instead when {@code FLIPAD_REQUIRE_NPM_INTEROP=1}
 * (as {@code .ci/run} sets). The expected records are mirrored in the Node script.
 */
@Timeout(180)
class NpmRegistryInteropTest {

  private static final String SCRIPT = "registry-interop.js";
  private static final List<String> PACKAGES =
      List.of("@kafkajs/confluent-schema-registry", "@confluentinc/schemaregistry");
  private static final long NODE_TIMEOUT_SECONDS = 90;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path exchange;
  private NodeScripts node;
  private EmbeddedSchemaRegistry registry;
  private SchemaRegistryClient client;

  /** Finds {@code node} and the npm packages; skips or fails each test when one is missing. */
  @BeforeEach
  void start() {
    node = NodeScripts.require(PACKAGES, exchange, NODE_TIMEOUT_SECONDS);
    registry = EmbeddedSchemaRegistry.start();
    client = HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registry.uri()));
  }

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void shouldReadWithAvroSerdeWhatTheNpmClientsRegisteredAndWrote() throws IOException {
    NodeScripts.Run run =
        node(
            "write", registry.uri().toString(), SchemaFiles.root().toString(), exchange.toString());

    JsonNode seen = json(run.succeeded());
    int uploadId = seen.path("kafkajs").path("id").asInt();
    int feedbackId = seen.path("confluent").path("id").asInt();
    assertThat(seen.path("kafkajs").path("latestId").asInt()).isEqualTo(uploadId);
    assertThat(seen.path("confluent").path("latestId").asInt()).isEqualTo(feedbackId);
    assertThat(seen.path("confluent").path("latestVersion").asInt()).isEqualTo(1);
    assertThat(seen.path("confluent").path("writtenId").asInt()).isEqualTo(feedbackId);
    assertThat(client.latest("flipad.uploads-value").orElseThrow().id()).isEqualTo(uploadId);

    // Auto-registration off: the schema Node registered from the .avsc file must be the one this
    // serde looks up, or reading and writing the same topic would need two schemas.
    AvroSerde<ImageUpload> uploads =
        new AvroSerde<>(client, ImageUpload.class, AvroSerdeSettings.defaults());
    AvroSerde<Feedback> feedback =
        new AvroSerde<>(client, Feedback.class, AvroSerdeSettings.defaults());
    assertThat(client.lookup("flipad.uploads-value", uploads.writerSchema()).orElseThrow().id())
        .isEqualTo(uploadId);
    assertThat(client.lookup("flipad.feedback-value", feedback.writerSchema()).orElseThrow().id())
        .isEqualTo(feedbackId);

    assertThat(uploads.deserialize("flipad.uploads", read("kafkajs-upload.bin")))
        .isEqualTo(uploadFromNode());
    assertThat(feedback.deserialize("flipad.feedback", read("confluent-feedback.bin")))
        .isEqualTo(feedbackFromNode());
  }

  @Test
  void shouldWriteWithAvroSerdeWhatTheNpmClientsRead() throws IOException {
    AvroSerdeSettings autoRegister = AvroSerdeSettings.defaults().withAutoRegister(true);
    byte[] upload =
        new AvroSerde<>(client, ImageUpload.class, autoRegister)
            .serialize("flipad.uploads", uploadFromJava());
    byte[] feedback =
        new AvroSerde<>(client, Feedback.class, autoRegister)
            .serialize("flipad.feedback", feedbackFromJava());
    Files.write(exchange.resolve("java-upload.bin"), upload);
    Files.write(exchange.resolve("java-feedback.bin"), feedback);

    JsonNode seen = json(node("read", registry.uri().toString(), exchange.toString()).succeeded());

    assertThat(seen.path("kafkajs").asText()).isEqualTo("u-java-1");
    assertThat(seen.path("confluent").asText()).isEqualTo("u-java-1");
  }

  @Test
  void shouldFailTheNodeScriptWhenTheRecordDiffersFromWhatItExpects() throws IOException {
    // Guards the test itself: the Node side must really compare, not just decode.
    AvroSerdeSettings autoRegister = AvroSerdeSettings.defaults().withAutoRegister(true);
    ImageUpload other = ImageUpload.newBuilder(uploadFromJava()).setTenant("someone-else").build();
    Files.write(
        exchange.resolve("java-upload.bin"),
        new AvroSerde<>(client, ImageUpload.class, autoRegister)
            .serialize("flipad.uploads", other));
    Files.write(
        exchange.resolve("java-feedback.bin"),
        new AvroSerde<>(client, Feedback.class, autoRegister)
            .serialize("flipad.feedback", feedbackFromJava()));

    NodeScripts.Run run = node("read", registry.uri().toString(), exchange.toString());

    assertThat(run.exitCode()).as("exit code; stderr: %s", run.stderr()).isEqualTo(1);
    assertThat(run.stderr()).contains("someone-else");
  }

  /** Mirrors UPLOAD_FROM_NODE in registry-interop.js. */
  private static ImageUpload uploadFromNode() {
    return ImageUpload.newBuilder()
        .setUploadId("u-node-1")
        .setTenant("tenant-node")
        .setSource("api")
        .setUploader(null)
        .setUploadedAt(Instant.ofEpochMilli(1767225600000L))
        .setContentType("image/png")
        .setImageBytes(ByteBuffer.wrap(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
        .setSizeBytes(4L)
        .setModelIds(List.of("dcgan-mnist", "wgan-celeba"))
        .setMetadata(Map.of("requestId", "r-42"))
        .build();
  }

  /** Mirrors FEEDBACK_FROM_NODE in registry-interop.js. */
  private static Feedback feedbackFromNode() {
    return Feedback.newBuilder()
        .setUploadId("u-node-1")
        .setVerdictId("v-node-1")
        .setLabel(FeedbackLabel.GENERATED_BY_MODEL)
        .setModelId("dcgan-mnist")
        .setReviewer("reviewer-9")
        .setReviewedAt(Instant.ofEpochMilli(1767229200000L))
        .setNote("confirmed by hand")
        .build();
  }

  /** Mirrors UPLOAD_FROM_JAVA in registry-interop.js. */
  private static ImageUpload uploadFromJava() {
    return ImageUpload.newBuilder()
        .setUploadId("u-java-1")
        .setTenant("tenant-java")
        .setUploader("user-7")
        .setUploadedAt(Instant.ofEpochMilli(1772366400000L))
        .setContentType("image/jpeg")
        .setImageUri("s3://bucket/u-java-1.jpg")
        .setSha256("ab".repeat(32))
        .setSizeBytes(123456L)
        .setMetadata(Map.of("k", "v"))
        .build();
  }

  /** Mirrors FEEDBACK_FROM_JAVA in registry-interop.js. */
  private static Feedback feedbackFromJava() {
    return Feedback.newBuilder()
        .setUploadId("u-java-1")
        .setLabel(FeedbackLabel.NOT_GENERATED)
        .setReviewer("reviewer-3")
        .setReviewedAt(Instant.ofEpochMilli(1772370000000L))
        .build();
  }

  private byte[] read(String file) throws IOException {
    return Files.readAllBytes(exchange.resolve(file));
  }

  private static JsonNode json(NodeScripts.Run run) throws IOException {
    List<String> lines = run.lines();
    return JSON.readTree(lines.get(lines.size() - 1));
  }

  private NodeScripts.Run node(String... args) throws IOException {
    return node.run(args[0], SCRIPT, args);
  }
}
