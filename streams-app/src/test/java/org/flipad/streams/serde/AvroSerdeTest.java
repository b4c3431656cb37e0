package org.flipad.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.flipad.schema.AttributionVerdict;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.Decision;
import org.flipad.schema.ImageFormat;
import org.flipad.schema.ImageUpload;
import org.flipad.schema.ModelAttribution;
import org.flipad.schema.VerdictTimings;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.registry.SchemaRegistryClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link AvroSerde} through the Confluent wire format against the embedded registry. */
@Timeout(20)
class AvroSerdeTest {

  private static final String TOPIC = "flipad.uploads";
  private static final ObjectMapper JSON = new ObjectMapper();

  private EmbeddedSchemaRegistry registry;
  private SchemaRegistryClient client;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start();
    client = HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registry.uri()));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  static ImageUpload upload() {
    return ImageUpload.newBuilder()
        .setUploadId("u-1")
        .setTenant("tenant-a")
        .setUploader("user-7")
        .setUploadedAt(Instant.parse("2026-03-01T12:00:00Z"))
        .setContentType("image/png")
        .setImageBytes(ByteBuffer.wrap(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
        .setModelIds(List.of("dcgan-mnist"))
        .setMetadata(Map.of("k", "v"))
        .build();
  }

  static AttributionVerdict verdict() {
    ModelAttribution model =
        ModelAttribution.newBuilder()
            .setModelId("dcgan-mnist")
            .setModelVersion(3)
            .setDecision(Decision.ATTRIBUTED)
            .setScore(0.12)
            .setThreshold(0.5)
            .build();
    return AttributionVerdict.newBuilder()
        .setVerdictId("v-1")
        .setUploadId("u-1")
        .setTenant("tenant-a")
        .setImageSha256("ab".repeat(32))
        .setWidth(28)
        .setHeight(28)
        .setFormat(ImageFormat.PNG)
        .setModels(List.of(model))
        .setVerdict(Decision.ATTRIBUTED)
        .setAttributedModelId("dcgan-mnist")
        .setAttributedModelVersion(3)
        .setCached(false)
        .setTimings(new VerdictTimings(1L, 2L, 30L, 4L, 40L))
        .setSourceTopic(TOPIC)
        .setSourcePartition(0)
        .setSourceOffset(42L)
        .setDecidedAt(Instant.parse("2026-03-01T12:00:01Z"))
        .build();
  }

  private <T extends org.apache.avro.specific.SpecificRecord> AvroSerde<T> autoRegistering(
      Class<T> type) {
    return new AvroSerde<>(client, type, AvroSerdeSettings.defaults().withAutoRegister(true));
  }

  @Test
  void shouldRoundTripAnImageUploadThroughTheWireFormat() {
    AvroSerde<ImageUpload> serde = autoRegistering(ImageUpload.class);

    byte[] bytes = serde.serialize(TOPIC, upload());

    assertThat(serde.deserialize(TOPIC, bytes)).isEqualTo(upload());
  }

  @Test
  void shouldRoundTripAnAttributionVerdictThroughTheWireFormat() {
    AvroSerde<AttributionVerdict> serde = autoRegistering(AttributionVerdict.class);

    byte[] bytes = serde.serialize("flipad.verdicts", verdict());

    assertThat(serde.deserialize("flipad.verdicts", bytes)).isEqualTo(verdict());
  }

  @Test
  void shouldStartWithMagicZeroAndTheBigEndianRegisteredId() {
    AvroSerde<ImageUpload> serde = autoRegistering(ImageUpload.class);

    byte[] bytes = serde.serialize(TOPIC, upload());

    int id = client.lookup(TOPIC + "-value", serde.writerSchema()).orElseThrow().id();
    assertThat(bytes[0]).isZero();
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
  }

  @Test
  void shouldRegisterTheSchemaFileTextWithoutJavaStringProperties() throws IOException {
    Schema file =
        new Schema.Parser().parse(Files.readString(SchemaFiles.root().resolve("ImageUpload.avsc")));
    AvroSerde<ImageUpload> serde = autoRegistering(ImageUpload.class);
    serde.serialize(TOPIC, upload());

    Schema registered = client.latest(TOPIC + "-value").orElseThrow().schema();

    assertThat(ImageUpload.getClassSchema().toString()).contains("avro.java.string");
    assertThat(registered.toString()).doesNotContain("avro.java.string");
    assertThat(registered.toString()).isEqualTo(file.toString());
  }

  @Test
  void shouldMapNullToNullWithoutTheRegistry() {
    AvroSerde<ImageUpload> serde =
        new AvroSerde<>(client, ImageUpload.class, AvroSerdeSettings.defaults());
    long before = registry.requestCount();

    assertThat(serde.serialize(TOPIC, null)).isNull();
    assertThat(serde.deserialize(TOPIC, null)).isNull();
    assertThat(registry.requestCount()).isEqualTo(before);
  }

  @Test
  void shouldRefuseAnUnregisteredSchemaWhenAutoRegistrationIsOff() {
    AvroSerde<ImageUpload> serde =
        new AvroSerde<>(client, ImageUpload.class, AvroSerdeSettings.defaults());

    assertThatThrownBy(() -> serde.serialize(TOPIC, upload()))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.failure()).isEqualTo(SerdeFailure.UNREGISTERED_SCHEMA))
        .hasMessageContaining("not registered under subject 'flipad.uploads-value'")
        .hasMessageContaining("auto-registration is off");
    assertThat(client.latest(TOPIC + "-value")).isEmpty();
  }

  @Test
  void shouldUseASchemaRegisteredBeforehandWhenAutoRegistrationIsOff() {
    AvroSerde<ImageUpload> serde =
        new AvroSerde<>(client, ImageUpload.class, AvroSerdeSettings.defaults());
    int id = client.register(TOPIC + "-value", serde.writerSchema());

    byte[] bytes = serde.serialize(TOPIC, upload());

    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    assertThat(serde.deserialize(TOPIC, bytes)).isEqualTo(upload());
  }

  @Test
  void shouldFailUnknownSchemaIdWhenTheRegistryLacksTheId() {
    AvroSerde<ImageUpload> serde = autoRegistering(ImageUpload.class);
    byte[] bytes = serde.serialize(TOPIC, upload());
    ByteBuffer.wrap(bytes).putInt(1, 4242);

    assertThatThrownBy(() -> serde.deserialize(TOPIC, bytes))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(SerdeFailure.UNKNOWN_SCHEMA_ID);
              assertThat(e.failure().deadLetterReason())
                  .isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA_ID);
            })
        .hasMessageContaining("4242");
  }

  @Test
  void shouldFailTruncatedAndUnknownMagicAndUndecodableWithTheirReasons() {
    AvroSerde<ImageUpload> serde = autoRegistering(ImageUpload.class);
    byte[] bytes = serde.serialize(TOPIC, upload());
    byte[] wrongMagic = bytes.clone();
    wrongMagic[0] = 7;
    byte[] cutBody = java.util.Arrays.copyOf(bytes, 8);

    assertThat(failure(() -> serde.deserialize(TOPIC, new byte[] {0, 0})))
        .isEqualTo(SerdeFailure.TRUNCATED);
    assertThat(failure(() -> serde.deserialize(TOPIC, wrongMagic)))
        .isEqualTo(SerdeFailure.UNKNOWN_MAGIC_BYTE);
    assertThat(failure(() -> serde.deserialize(TOPIC, cutBody)))
        .isEqualTo(SerdeFailure.UNDECODABLE_AVRO);
  }

  @Test
  void shouldReadTheHeaderFormWithAnIdAndRefuseAGuidItCannotResolve() {
    AvroSerde<ImageUpload> serde = autoRegistering(ImageUpload.class);
    byte[] bytes = serde.serialize(TOPIC, upload());
    byte[] header = java.util.Arrays.copyOf(bytes, 5);
    byte[] body = java.util.Arrays.copyOfRange(bytes, 5, bytes.length);

    assertThat(serde.deserialize(TOPIC, header, body)).isEqualTo(upload());
    byte[] guid = ConfluentWireFormat.guidHeader(java.util.UUID.randomUUID());
    assertThat(failure(() -> serde.deserialize(TOPIC, guid, body)))
        .isEqualTo(SerdeFailure.UNKNOWN_SCHEMA_ID);
  }

  @Test
  void shouldNameSubjectsByTopicOrRecordName() {
    AvroSerdeSettings settings = AvroSerdeSettings.defaults();

    assertThat(new AvroSerde<>(client, ImageUpload.class, settings).subject(TOPIC))
        .isEqualTo("flipad.uploads-value");
    assertThat(new AvroSerde<>(client, ImageUpload.class, settings.withKey(true)).subject(TOPIC))
        .isEqualTo("flipad.uploads-key");
    AvroSerdeSettings byRecord =
        settings.withSubjectNameStrategy(SubjectNameStrategy.RECORD_NAME).withAutoRegister(true);
    AvroSerde<ImageUpload> serde = new AvroSerde<>(client, ImageUpload.class, byRecord);
    serde.serialize(TOPIC, upload());
    assertThat(client.latest("org.flipad.schema.ImageUpload")).isPresent();
  }

  @Test
  void shouldReadAnOlderWriterSchemaIntoTheNewerClassWithDefaults() throws IOException {
    AvroSerde<ImageUpload> serde =
        new AvroSerde<>(client, ImageUpload.class, AvroSerdeSettings.defaults());
    Schema v1 = without(serde.writerSchema(), Set.of("modelIds", "metadata", "sizeBytes"));
    int v1Id = client.register(TOPIC + "-value", v1);
    int currentId = client.register(TOPIC + "-value", serde.writerSchema());
    GenericRecord old = new GenericData.Record(v1);
    old.put("uploadId", "u-old");
    old.put("tenant", "tenant-a");
    old.put("uploadedAt", 1_700_000_000_000L);
    old.put("contentType", "image/png");
    old.put("imageUri", "s3://bucket/u-old.png");

    ImageUpload read = serde.deserialize(TOPIC, ConfluentWireFormat.frame(v1Id, encode(old)));

    assertThat(currentId).isNotEqualTo(v1Id);
    assertThat(read.getUploadId()).isEqualTo("u-old");
    assertThat(read.getImageUri()).isEqualTo("s3://bucket/u-old.png");
    assertThat(read.getUploadedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    assertThat(read.getModelIds()).isNull();
    assertThat(read.getSizeBytes()).isNull();
    assertThat(read.getMetadata()).isEmpty();
  }

  private static SerdeFailure failure(Runnable call) {
    try {
      call.run();
    } catch (SerdeException e) {
      return e.failure();
    }
    throw new AssertionError("expected a SerdeException");
  }

  /** {@code schema} with the named (defaulted) fields removed: an older version of the record. */
  private static Schema without(Schema schema, Set<String> fields) throws IOException {
    ObjectNode tree = (ObjectNode) JSON.readTree(schema.toString());
    ArrayNode kept = JSON.createArrayNode();
    tree.withArray("fields")
        .forEach(
            f -> {
              if (!fields.contains(f.get("name").asText())) {
                kept.add(f);
              }
            });
    tree.set("fields", kept);
    return new Schema.Parser().parse(tree.toString());
  }

  private static byte[] encode(GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
