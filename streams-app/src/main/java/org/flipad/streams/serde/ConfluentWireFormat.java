package org.flipad.streams.serde;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * The Confluent Schema Registry framing of an Avro body.
 *
 * <p>Payload prefix: byte 0 = magic {@code 0x00}, bytes 1–4 = schema id (big-endian int32), then
 * the Avro binary body. Header form: a {@code __key_schema_id} / {@code __value_schema_id} record
 * header holding magic {@code 0x01} + a 16-byte schema GUID (or magic {@code 0x00} + a 4-byte id),
 * in which case the payload is the bare Avro body. A robust reader accepts both.
 */
public final class ConfluentWireFormat {

  /** Magic byte of the integer-id form. */
  public static final byte MAGIC_ID = 0x00;

  /** Magic byte of the GUID form. */
  public static final byte MAGIC_GUID = 0x01;

  /** Bytes before the Avro body in the payload-prefix form: magic + int32 id. */
  public static final int ID_PREFIX_LENGTH = 5;

  /** Bytes of a GUID header value: magic + 16-byte GUID. */
  public static final int GUID_HEADER_LENGTH = 17;

  /** Record header carrying the key's schema id in the header form. */
  public static final String KEY_SCHEMA_ID_HEADER = "__key_schema_id";

  /** Record header carrying the value's schema id in the header form. */
  public static final String VALUE_SCHEMA_ID_HEADER = "__value_schema_id";

  private ConfluentWireFormat() {}

  /** A parsed payload: the writer schema id and the Avro body (a copy, without the prefix). */
  public record Framed(SchemaId schemaId, byte[] body) {}

  /** Frames {@code avroBody} as magic 0 + big-endian {@code schemaId} + body. */
  public static byte[] frame(int schemaId, byte[] avroBody) {
    return ByteBuffer.allocate(ID_PREFIX_LENGTH + avroBody.length)
        .put(MAGIC_ID)
        .putInt(schemaId)
        .put(avroBody)
        .array();
  }

  /**
   * Splits a payload-prefixed value into its schema id and Avro body.
   *
   * @throws SerdeException with {@link SerdeFailure#TRUNCATED} when shorter than 5 bytes, {@link
   *     SerdeFailure#UNKNOWN_MAGIC_BYTE} when the first byte is not 0
   */
  public static Framed parse(byte[] value) {
    if (value.length == 0) {
      throw truncated(value.length, ID_PREFIX_LENGTH, "payload");
    }
    if (value[0] != MAGIC_ID) {
      throw unknownMagic(value[0], "payload (expected 0x00 + 4-byte schema id)");
    }
    if (value.length < ID_PREFIX_LENGTH) {
      throw truncated(value.length, ID_PREFIX_LENGTH, "payload");
    }
    int id = ByteBuffer.wrap(value, 1, 4).getInt();
    return new Framed(
        new SchemaId.Numeric(id), Arrays.copyOfRange(value, ID_PREFIX_LENGTH, value.length));
  }

  /**
   * Reads a {@code __key_schema_id} / {@code __value_schema_id} header value: magic 1 + 16-byte
   * GUID, or magic 0 + 4-byte id.
   */
  public static SchemaId parseHeader(byte[] header) {
    if (header.length == 0) {
      throw truncated(0, ID_PREFIX_LENGTH, "schema-id header");
    }
    ByteBuffer buffer = ByteBuffer.wrap(header, 1, header.length - 1);
    return switch (header[0]) {
      case MAGIC_ID -> {
        requireLength(header, ID_PREFIX_LENGTH);
        yield new SchemaId.Numeric(buffer.getInt());
      }
      case MAGIC_GUID -> {
        requireLength(header, GUID_HEADER_LENGTH);
        yield new SchemaId.Guid(new UUID(buffer.getLong(), buffer.getLong()));
      }
      default -> throw unknownMagic(header[0], "schema-id header (expected 0x00 or 0x01)");
    };
  }

  /** Encodes a GUID header value: magic 1 + the GUID's 16 bytes. */
  public static byte[] guidHeader(UUID guid) {
    return ByteBuffer.allocate(GUID_HEADER_LENGTH)
        .put(MAGIC_GUID)
        .putLong(guid.getMostSignificantBits())
        .putLong(guid.getLeastSignificantBits())
        .array();
  }

  private static void requireLength(byte[] header, int expected) {
    if (header.length != expected) {
      throw truncated(header.length, expected, "schema-id header");
    }
  }

  private static SerdeException truncated(int actual, int expected, String what) {
    return new SerdeException(
        SerdeFailure.TRUNCATED,
        "Confluent "
            + what
            + " is "
            + actual
            + " bytes; the header needs "
            + expected
            + ". The value was not written by a Confluent-format serialiser or was cut short.");
  }

  private static SerdeException unknownMagic(byte magic, String what) {
    return new SerdeException(
        SerdeFailure.UNKNOWN_MAGIC_BYTE,
        String.format(
            "Magic byte 0x%02x in the Confluent %s. The producer did not use the Confluent"
                + " Avro wire format; check its value serialiser.",
            magic, what));
  }
}
