package org.flipad.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.flipad.schema.ImageUpload;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.registry.SchemaRegistryClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Kafka adapters of {@link AvroSerde} against the embedded registry over real HTTP. */
@Timeout(20)
class AvroKafkaSerdesTest {

  private static final String TOPIC = "flipad.uploads";

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

  private Serde<ImageUpload> values() {
    return AvroKafkaSerdes.of(
        ImageUpload.class, client, AvroSerdeSettings.defaults().withAutoRegister(true));
  }

  @Test
  void shouldRoundTripThroughTheKafkaSerdeWithTheClassicFraming() {
    Serde<ImageUpload> serde = values();
    RecordHeaders headers = new RecordHeaders();

    byte[] bytes = serde.serializer().serialize(TOPIC, headers, AvroSerdeTest.upload());

    int id = client.latest(TOPIC + "-value").orElseThrow().id();
    assertThat(bytes[0]).isEqualTo(ConfluentWireFormat.MAGIC_ID);
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    assertThat(headers.toArray()).as("the id travels in the payload, not a header").isEmpty();
    assertThat(serde.deserializer().deserialize(TOPIC, headers, bytes))
        .isEqualTo(AvroSerdeTest.upload());
  }

  @Test
  void shouldTakeTheWriterIdFromTheValueHeaderWhenPresent() {
    Serde<ImageUpload> serde = values();
    byte[] framed = serde.serializer().serialize(TOPIC, AvroSerdeTest.upload());
    byte[] body = Arrays.copyOfRange(framed, ConfluentWireFormat.ID_PREFIX_LENGTH, framed.length);
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        ConfluentWireFormat.VALUE_SCHEMA_ID_HEADER,
        Arrays.copyOf(framed, ConfluentWireFormat.ID_PREFIX_LENGTH));

    assertThat(serde.deserializer().deserialize(TOPIC, headers, body))
        .isEqualTo(AvroSerdeTest.upload());
    // Without the header the bare body is read as a prefixed payload and refused.
    assertThat(failure(() -> serde.deserializer().deserialize(TOPIC, new RecordHeaders(), body)))
        .isNotNull();
  }

  @Test
  void shouldReadTheKeyHeaderForKeysAndIgnoreTheValueHeader() {
    Serde<ImageUpload> keys =
        AvroKafkaSerdes.of(
            ImageUpload.class,
            client,
            AvroSerdeSettings.defaults().withAutoRegister(true).withKey(true));
    byte[] framed = keys.serializer().serialize(TOPIC, AvroSerdeTest.upload());
    byte[] idHeader = Arrays.copyOf(framed, ConfluentWireFormat.ID_PREFIX_LENGTH);
    byte[] body = Arrays.copyOfRange(framed, ConfluentWireFormat.ID_PREFIX_LENGTH, framed.length);
    RecordHeaders keyHeader = new RecordHeaders();
    keyHeader.add(ConfluentWireFormat.KEY_SCHEMA_ID_HEADER, idHeader);
    RecordHeaders valueHeader = new RecordHeaders();
    valueHeader.add(ConfluentWireFormat.VALUE_SCHEMA_ID_HEADER, idHeader);

    assertThat(client.latest(TOPIC + "-key")).isPresent();
    assertThat(keys.deserializer().deserialize(TOPIC, keyHeader, body))
        .isEqualTo(AvroSerdeTest.upload());
    assertThat(keys.deserializer().deserialize(TOPIC, valueHeader, framed))
        .isEqualTo(AvroSerdeTest.upload());
  }

  @Test
  void shouldMapATombstoneToNullWithoutTheRegistry() {
    Serde<ImageUpload> serde = values();
    long before = registry.requestCount();

    assertThat(serde.serializer().serialize(TOPIC, new RecordHeaders(), null)).isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, new RecordHeaders(), (byte[]) null))
        .isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    assertThat(registry.requestCount()).isEqualTo(before);
  }

  @Test
  void shouldKeepTheSerdeFailureWhenReadingFails() {
    Serde<ImageUpload> serde = values();
    byte[] framed = serde.serializer().serialize(TOPIC, AvroSerdeTest.upload());
    byte[] unknownId = framed.clone();
    ByteBuffer.wrap(unknownId).putInt(1, 9999);
    RecordHeaders badHeader = new RecordHeaders();
    badHeader.add(ConfluentWireFormat.VALUE_SCHEMA_ID_HEADER, new byte[] {7, 0, 0, 0, 1});

    assertThat(failure(() -> serde.deserializer().deserialize(TOPIC, unknownId)))
        .isEqualTo(SerdeFailure.UNKNOWN_SCHEMA_ID);
    assertThat(failure(() -> serde.deserializer().deserialize(TOPIC, badHeader, framed)))
        .isEqualTo(SerdeFailure.UNKNOWN_MAGIC_BYTE);
  }

  @Test
  void shouldKeepTheSerdeFailureWhenWritingAnUnregisteredSchema() {
    Serde<ImageUpload> serde =
        AvroKafkaSerdes.of(ImageUpload.class, client, AvroSerdeSettings.defaults());

    assertThatThrownBy(
            () -> serde.serializer().serialize(TOPIC, new RecordHeaders(), AvroSerdeTest.upload()))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.failure()).isEqualTo(SerdeFailure.UNREGISTERED_SCHEMA))
        .hasMessageContaining("flipad.uploads-value");
  }

  private static SerdeFailure failure(Runnable call) {
    try {
      call.run();
    } catch (SerdeException e) {
      return e.failure();
    }
    throw new AssertionError("expected a SerdeException");
  }
}
