package org.flipad.streams.control;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * The bytes an Ed25519 signature of a control command covers: every field of the record except
 * {@code signature}, as a self-delimiting list.
 *
 * <p>Layout (version 1): the ASCII tag {@code flipad-control-command/v1} and a zero byte, then for
 * each field whose value is not null, in order of field name ({@link String#compareTo}):
 *
 * <pre>
 *   u32 name length | name (UTF-8) | type tag | value
 *   'S' string   u32 length | UTF-8
 *   'B' bytes    u32 length | bytes
 *   'L' int, long, timestamp-millis   8 bytes, big-endian two's complement (millis since epoch)
 *   'D' float, double                 8 bytes, big-endian IEEE 754 ({@link Double#doubleToLongBits})
 *   'E' enum     u32 length | symbol name (UTF-8)
 *   'Z' boolean  1 byte, 0 or 1
 * </pre>
 *
 * <p>Why it is unambiguous: every element is fixed-size or length-prefixed, so the bytes parse back
 * into exactly one list of (name, type, value) triples; field names are unique within a record, and
 * the order is fixed by the names, so two commands have the same bytes only if they have the same
 * non-null fields with the same values. The leading tag separates these bytes from anything else an
 * operator key might sign, and lets a version 2 change the layout.
 *
 * <p>Why not the Avro binary body: Avro binary depends on the exact schema (field positions, union
 * branch indexes, enum ordinals), so a consumer whose reader schema gained an optional field would
 * re-encode an older writer's command differently and refuse a good signature, unless it re-read
 * every command with the writer schema. This form is stable across BACKWARD evolution instead:
 *
 * <ul>
 *   <li>an optional field added later is null in commands that do not set it, and null fields are
 *       left out, so old and new signers and verifiers agree;
 *   <li>a new optional field that <em>is</em> set is covered by the signature (it is a field of the
 *       record); a consumer whose schema does not know the field drops it while decoding, computes
 *       other bytes and refuses the command as BAD_SIGNATURE: it fails closed instead of executing
 *       a command without a part the operator signed;
 *   <li>names and enum symbols, not positions and ordinals, are encoded, so reordering fields or
 *       adding symbols changes nothing; int and long (and float and double) share a tag, so Avro's
 *       promotions int → long and float → double keep signatures valid.
 * </ul>
 *
 * <p>Records, arrays, maps and fixed values are refused with an exception: ControlCommand has none,
 * and a schema change that adds one must extend this layout (as version 2) rather than let the
 * signature silently skip the field.
 */
public final class CanonicalCommandForm {

  /** The field a signature is stored in; it is not covered by itself. */
  public static final String SIGNATURE_FIELD = "signature";

  private static final byte[] PREFIX =
      "flipad-control-command/v1\0".getBytes(StandardCharsets.US_ASCII);

  private CanonicalCommandForm() {}

  /**
   * The signed bytes of {@code record} (a {@code ControlCommand}, specific or generic).
   *
   * @throws IllegalStateException when a non-null field has a type this layout does not cover
   */
  public static byte[] bytesToSign(IndexedRecord record) {
    List<Schema.Field> fields = new ArrayList<>(record.getSchema().getFields());
    fields.sort(Comparator.comparing(Schema.Field::name));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(PREFIX);
      for (Schema.Field field : fields) {
        Object value = record.get(field.pos());
        if (value != null && !field.name().equals(SIGNATURE_FIELD)) {
          writeBytes(out, field.name().getBytes(StandardCharsets.UTF_8));
          writeValue(out, field, nonNullBranch(field), value);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private static Schema nonNullBranch(Schema.Field field) {
    Schema schema = field.schema();
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    List<Schema> branches =
        schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
    if (branches.size() != 1) {
      throw unsupported(field, "a union of " + schema.getTypes());
    }
    return branches.get(0);
  }

  private static void writeValue(
      DataOutputStream out, Schema.Field field, Schema type, Object value) throws IOException {
    switch (type.getType()) {
      case STRING -> {
        out.writeByte('S');
        writeBytes(out, value.toString().getBytes(StandardCharsets.UTF_8));
      }
      case BYTES -> {
        out.writeByte('B');
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] content = new byte[buffer.remaining()];
        buffer.get(content);
        writeBytes(out, content);
      }
      case INT, LONG -> {
        out.writeByte('L');
        out.writeLong(integral(field, type, value));
      }
      case FLOAT, DOUBLE -> {
        out.writeByte('D');
        out.writeLong(Double.doubleToLongBits(((Number) value).doubleValue()));
      }
      case ENUM -> {
        out.writeByte('E');
        writeBytes(out, value.toString().getBytes(StandardCharsets.UTF_8));
      }
      case BOOLEAN -> {
        out.writeByte('Z');
        out.writeByte((Boolean) value ? 1 : 0);
      }
      default -> throw unsupported(field, type.getType().getName());
    }
  }

  private static long integral(Schema.Field field, Schema type, Object value) {
    if (value instanceof Instant instant) {
      // Specific records convert timestamp-millis to Instant; the wire value is the millis.
      if (!(type.getLogicalType() instanceof LogicalTypes.TimestampMillis)) {
        throw unsupported(field, "an Instant with logical type " + type.getLogicalType());
      }
      return instant.toEpochMilli();
    }
    return ((Number) value).longValue();
  }

  private static void writeBytes(DataOutputStream out, byte[] content) throws IOException {
    out.writeInt(content.length);
    out.write(content);
  }

  private static IllegalStateException unsupported(Schema.Field field, String what) {
    return new IllegalStateException(
        "Field '"
            + field.name()
            + "' of "
            + field.schema()
            + " is "
            + what
            + ", which the signed form of control commands (v1) does not cover. Extend"
            + " CanonicalCommandForm (as a new version) before adding such a field.");
  }
}
