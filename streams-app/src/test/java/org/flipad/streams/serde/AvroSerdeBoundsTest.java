package org.flipad.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.ImageUpload;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.registry.SchemaRegistryClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded decoding in {@link AvroSerde}: values forged by hand in the Confluent wire format (magic
 * 0, the registered schema id, then Avro binary with zig-zag varint lengths) that declare far more
 * than they hold must fail as dead-letter reasons without the memory they ask for. Allocation is
 * measured on the test thread, so a decoder that allocates first and fails later fails the test
 * even where the heap is large enough to survive it.
 */
@Timeout(30)
class AvroSerdeBoundsTest {

  private static final String TOPIC = "flipad.uploads";

  /**
   * Far above what decoding a record of a few dozen bytes may allocate, far below the forgeries.
   */
  private static final long MAX_ALLOCATED_BYTES = 16L << 20;

  private EmbeddedSchemaRegistry registry;
  private SchemaRegistryClient client;
  private AvroSerde<ImageUpload> serde;
  private int schemaId;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start();
    client = HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registry.uri()));
    serde =
        new AvroSerde<>(
            client, ImageUpload.class, AvroSerdeSettings.defaults().withAutoRegister(true));
    byte[] valid = serde.serialize(TOPIC, AvroSerdeTest.upload());
    schemaId = ByteBuffer.wrap(valid, 1, 4).getInt();
    // Fetches and caches the writer schema, so what is measured below is decoding alone.
    serde.deserialize(TOPIC, valid);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void shouldRefuseA69ByteValueDeclaringAnArrayOf2Pow31Minus9ItemsWithoutAllocatingIt() {
    byte[] value = framed(uploadFieldsUpToModelIds("a".repeat(38), arrayStart(2_147_483_639L)));
    assertThat(value).hasSize(69);

    long before = allocatedBytes();
    SerdeException failure = deserializeFailure(value);
    long allocated = allocatedBytes() - before;

    assertThat(failure.failure().deadLetterReason()).isEqualTo(DeadLetterReason.UNDECODABLE_AVRO);
    assertThat(failure.getMessage()).contains("2147483639 items").contains("bytes of the record");
    assertThat(allocated).isLessThan(MAX_ALLOCATED_BYTES);
  }

  @Test
  void shouldRefuseA70ByteValueDeclaring2BillionImageBytesWithoutAllocatingThem() {
    byte[] value = framed(uploadFieldsUpToImageBytes("b".repeat(43), 2_000_000_000L));
    assertThat(value).hasSize(70);

    long before = allocatedBytes();
    SerdeException failure = deserializeFailure(value);
    long allocated = allocatedBytes() - before;

    assertThat(failure.failure().deadLetterReason()).isEqualTo(DeadLetterReason.UNDECODABLE_AVRO);
    assertThat(failure.getMessage()).contains("2000000000 bytes");
    assertThat(allocated).isLessThan(MAX_ALLOCATED_BYTES);
  }

  @Test
  void shouldRefuseAStringLongerThanTheRestOfTheRecord() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeLong(body, 1_000_000);
    body.writeBytes("only a few bytes follow".getBytes(StandardCharsets.UTF_8));

    SerdeException failure = deserializeFailure(framed(body.toByteArray()));

    assertThat(failure.failure()).isEqualTo(SerdeFailure.UNDECODABLE_AVRO);
    assertThat(failure.getMessage()).contains("string declares 1000000 bytes");
  }

  @Test
  void shouldRefuseMoreCollectionItemsThanTheConfiguredCapAndReadTheSameRecordUnderIt() {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      metadata.put("k" + i, "v" + i);
    }
    ImageUpload upload =
        ImageUpload.newBuilder(AvroSerdeTest.upload()).setMetadata(metadata).build();
    byte[] value = serde.serialize(TOPIC, upload);
    // modelIds holds one item, metadata five: six in all.
    AvroSerde<ImageUpload> capped =
        new AvroSerde<>(
            client, ImageUpload.class, AvroSerdeSettings.defaults().withMaxCollectionItems(5));
    AvroSerde<ImageUpload> roomy =
        new AvroSerde<>(
            client, ImageUpload.class, AvroSerdeSettings.defaults().withMaxCollectionItems(6));

    assertThatThrownBy(() -> capped.deserialize(TOPIC, value))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(SerdeFailure.DECODE_LIMIT);
              assertThat(e.failure().deadLetterReason())
                  .isEqualTo(DeadLetterReason.UNDECODABLE_AVRO);
              assertThat(e.getMessage()).contains("flipad.serde.max.collection.items");
            });
    assertThat(roomy.deserialize(TOPIC, value)).isEqualTo(upload);
  }

  @Test
  void shouldStillReadEveryFieldOfAValidUpload() {
    ImageUpload upload =
        ImageUpload.newBuilder(AvroSerdeTest.upload())
            .setSource("web")
            .setSha256("ab".repeat(32))
            .setSizeBytes(4L)
            .setUploadedAt(Instant.parse("2026-03-01T12:00:00.123Z"))
            .build();

    assertThat(serde.deserialize(TOPIC, serde.serialize(TOPIC, upload))).isEqualTo(upload);
  }

  private SerdeException deserializeFailure(byte[] value) {
    try {
      serde.deserialize(TOPIC, value);
    } catch (SerdeException e) {
      return e;
    }
    throw new AssertionError("the forged value was decoded");
  }

  /** ImageUpload fields in writer order up to {@code modelIds}, which is set: {@code tail}. */
  private static byte[] uploadFieldsUpToModelIds(String uploadId, byte[] tail) {
    ByteArrayOutputStream body = requiredHead(uploadId);
    body.write(0); // imageBytes: null
    body.write(0); // imageUri: null
    body.write(0); // sha256: null
    body.write(0); // sizeBytes: null
    writeLong(body, 1); // modelIds: union branch 1, the array
    body.writeBytes(tail);
    return body.toByteArray();
  }

  /** ImageUpload fields in writer order up to {@code imageBytes}, declaring {@code length}. */
  private static byte[] uploadFieldsUpToImageBytes(String uploadId, long length) {
    ByteArrayOutputStream body = requiredHead(uploadId);
    writeLong(body, 1); // imageBytes: union branch 1, bytes
    writeLong(body, length); // ... of this length, none of which follow
    return body.toByteArray();
  }

  /** uploadId, tenant "t", source and uploader null, uploadedAt 0, contentType "image/png". */
  private static ByteArrayOutputStream requiredHead(String uploadId) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, uploadId);
    writeString(body, "t");
    body.write(0); // source: null
    body.write(0); // uploader: null
    writeLong(body, 0); // uploadedAt
    writeString(body, "image/png");
    return body;
  }

  private static byte[] arrayStart(long count) {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    writeLong(block, count);
    return block.toByteArray();
  }

  private byte[] framed(byte[] body) {
    return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(schemaId).put(body).array();
  }

  private static void writeString(ByteArrayOutputStream out, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    writeLong(out, utf8.length);
    out.writeBytes(utf8);
  }

  /** Avro's long: zig-zag, then a little-endian base-128 varint. */
  private static void writeLong(ByteArrayOutputStream out, long value) {
    long zigZag = (value << 1) ^ (value >> 63);
    while ((zigZag & ~0x7fL) != 0) {
      out.write((int) ((zigZag & 0x7f) | 0x80));
      zigZag >>>= 7;
    }
    out.write((int) zigZag);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
