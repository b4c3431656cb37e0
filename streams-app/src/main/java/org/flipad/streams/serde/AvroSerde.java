package org.flipad.streams.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.flipad.streams.registry.RegisteredSchema;
import org.flipad.streams.registry.SchemaRegistryClient;

/**
 * Serialiser and deserialiser of one generated record type {@code T} in the Confluent wire format.
 *
 * <p>Writing: the writer schema is the class schema without Java-only properties ({@link
 * PortableSchema}); its id under the subject is looked up (or registered when {@link
 * AvroSerdeSettings#autoRegister()}); the value is magic 0 + id + Avro body. Reading: the writer
 * schema is fetched by the id in the value and resolved against the class schema (Avro schema
 * resolution: fields added since the writer get their defaults). Null maps to null both ways
 * (tombstones), without registry calls. A Kafka {@code Serializer}/{@code Deserializer} adapter
 * only needs to delegate to {@link #serialize} and {@link #deserialize}. Thread-safe.
 *
 * <p>Decoding is bounded ({@link BoundedBinaryDecoder}): a declared string, bytes or collection
 * length is checked against the bytes left in the record before anything is allocated, and the
 * items of one record are capped by {@link AvroSerdeSettings#maxCollectionItems()}. Every failure
 * to read a value, whatever its cause, is a {@link SerdeException}.
 *
 * @param <T> the generated {@code org.flipad.schema} record class
 */
public final class AvroSerde<T extends SpecificRecord> {

  private final SchemaRegistryClient registry;
  private final AvroSerdeSettings settings;
  private final SpecificData model;
  private final Schema readerSchema;
  private final Schema portableSchema;
  private final SpecificDatumWriter<T> writer;
  private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

  /**
   * A serde of {@code type} resolving schemas through {@code registry}.
   *
   * @param type the generated class, e.g. {@code ImageUpload.class}
   */
  public AvroSerde(SchemaRegistryClient registry, Class<T> type, AvroSerdeSettings settings) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
    this.portableSchema = PortableSchema.of(readerSchema);
    this.writer = new SpecificDatumWriter<>(readerSchema, model);
  }

  /** The writer schema this serde registers and looks up (the class schema, made portable). */
  public Schema writerSchema() {
    return portableSchema;
  }

  /** The subject of this serde's records on {@code topic}. */
  public String subject(String topic) {
    return settings
        .subjectNameStrategy()
        .subject(topic, settings.isKey(), readerSchema.getFullName());
  }

  /**
   * Encodes {@code record} for {@code topic}: magic 0, the big-endian schema id, the Avro body.
   *
   * @return null for a null record
   * @throws SerdeException {@link SerdeFailure#UNREGISTERED_SCHEMA} when the schema is not
   *     registered and auto-registration is off; {@link SerdeFailure#UNENCODABLE_RECORD} when the
   *     record does not fit its schema
   */
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    return ConfluentWireFormat.frame(schemaId(subject(topic)), encode(record));
  }

  /**
   * Decodes a payload-prefixed {@code value} read from {@code topic} into {@code T}.
   *
   * @return null for a null value
   * @throws SerdeException with {@link SerdeFailure#UNKNOWN_MAGIC_BYTE}, {@link
   *     SerdeFailure#TRUNCATED}, {@link SerdeFailure#UNKNOWN_SCHEMA_ID}, {@link
   *     SerdeFailure#UNDECODABLE_AVRO} or {@link SerdeFailure#DECODE_LIMIT}
   */
  public T deserialize(String topic, byte[] value) {
    return deserialize(topic, null, value);
  }

  /**
   * Decodes {@code value}, taking the writer schema id from the {@code __key_schema_id} / {@code
   * __value_schema_id} header value {@code schemaIdHeader} when it is not null (the value is then
   * the bare Avro body), else from the value's prefix.
   */
  public T deserialize(String topic, byte[] schemaIdHeader, byte[] value) {
    if (value == null) {
      return null;
    }
    if (schemaIdHeader == null) {
      ConfluentWireFormat.Framed framed = ConfluentWireFormat.parse(value);
      return decode(topic, framed.schemaId(), framed.body());
    }
    return decode(topic, ConfluentWireFormat.parseHeader(schemaIdHeader), value);
  }

  private int schemaId(String subject) {
    if (settings.autoRegister()) {
      return registry.register(subject, portableSchema);
    }
    return registry
        .lookup(subject, portableSchema)
        .map(RegisteredSchema::id)
        .orElseThrow(
            () ->
                new SerdeException(
                    SerdeFailure.UNREGISTERED_SCHEMA,
                    "Schema "
                        + portableSchema.getFullName()
                        + " is not registered under subject '"
                        + subject
                        + "' and auto-registration is off. Register it first (POST /subjects/"
                        + subject
                        + "/versions, normally from CI) or enable auto-registration"
                        + " (AvroSerdeSettings.withAutoRegister(true))."));
  }

  private byte[] encode(T record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerdeException(
          SerdeFailure.UNENCODABLE_RECORD,
          "Cannot encode "
              + readerSchema.getFullName()
              + " with its schema: "
              + e.getMessage()
              + ". Set every required field (non-null) before sending.",
          e);
    }
    return out.toByteArray();
  }

  private T decode(String topic, SchemaId schemaId, byte[] body) {
    if (!(schemaId instanceof SchemaId.Numeric numeric)) {
      throw new SerdeException(
          SerdeFailure.UNKNOWN_SCHEMA_ID,
          "Value on topic '"
              + topic
              + "' names its writer schema by GUID "
              + ((SchemaId.Guid) schemaId).guid()
              + "; this deserialiser resolves integer ids only. Configure the producer to write"
              + " the schema id in the payload (magic byte 0).");
    }
    SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(numeric.id(), this::reader);
    BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(body, settings.maxCollectionItems());
    try {
      return reader.read(null, decoder);
    } catch (BoundedBinaryDecoder.Refusal e) {
      throw new SerdeException(e.failure(), unreadable(topic, numeric, body) + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      // Untrusted bytes: any decoding failure, whatever Avro throws, is a dead letter.
      throw new SerdeException(
          SerdeFailure.UNDECODABLE_AVRO, unreadable(topic, numeric, body) + e.getMessage(), e);
    } catch (OutOfMemoryError | StackOverflowError e) {
      // The decoder's bounds leave no input that should get here. If one still does, the failed
      // allocation or recursion belonged to this record's decoding, and is gone with it: the
      // record is refused rather than the thread (and the stream with it) killed.
      throw new SerdeException(
          SerdeFailure.DECODE_LIMIT,
          unreadable(topic, numeric, body)
              + "decoding it ran out of "
              + (e instanceof OutOfMemoryError ? "memory" : "stack")
              + " ("
              + e
              + "). Report it with the value kept in the dead letter.",
          e);
    }
  }

  private String unreadable(String topic, SchemaId.Numeric schemaId, byte[] body) {
    return "Value on topic '"
        + topic
        + "' ("
        + body.length
        + " body bytes) cannot be read with writer schema id "
        + schemaId.id()
        + " as "
        + readerSchema.getFullName()
        + ": ";
  }

  private SpecificDatumReader<T> reader(int writerId) {
    Schema writerSchema =
        registry
            .schemaById(writerId)
            .orElseThrow(
                () ->
                    new SerdeException(
                        SerdeFailure.UNKNOWN_SCHEMA_ID,
                        "The registry has no schema with id "
                            + writerId
                            + " (needed to read "
                            + readerSchema.getFullName()
                            + "). The value was written against another registry, or the"
                            + " schema was deleted."));
    return new SpecificDatumReader<>(writerSchema, readerSchema, model);
  }
}
