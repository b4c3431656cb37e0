package org.flipad.streams.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro records as plain JSON for people and HTTP clients, every field of the schema included, in
 * schema order: a union is written as its value (not Avro's {@code {"double": 0.1}} form), an enum
 * as its symbol, bytes and fixed as base64, a {@code timestamp-millis} field as an ISO-8601 instant
 * ({@code 2026-12-02T03:31:22.125Z}). The walk follows the writer schema, so fields added to a
 * schema later appear without a change here.
 */
public final class AvroJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  /** {@code record} as a JSON object, one member per schema field. */
  public static ObjectNode of(IndexedRecord record) {
    ObjectNode object = NODES.objectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      object.set(field.name(), value(field.schema(), record.get(field.pos())));
    }
    return object;
  }

  private static JsonNode value(Schema schema, Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    return switch (schema.getType()) {
      case UNION -> value(branch(schema, value), value);
      case RECORD -> of((IndexedRecord) value);
      case ARRAY -> array(schema.getElementType(), (Collection<?>) value);
      case MAP -> map(schema.getValueType(), (Map<?, ?>) value);
      case BYTES -> NODES.textNode(base64(value));
      case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(fixedBytes(value)));
      case INT -> NODES.numberNode(((Number) value).intValue());
      case LONG -> longValue(schema, value);
      case FLOAT -> NODES.numberNode(((Number) value).floatValue());
      case DOUBLE -> NODES.numberNode(((Number) value).doubleValue());
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case ENUM, STRING -> NODES.textNode(value.toString());
      case NULL -> NODES.nullNode();
    };
  }

  // Specific records hold logical types converted (Instant); generic ones hold the raw long.
  private static JsonNode longValue(Schema schema, Object value) {
    if (value instanceof Instant instant) {
      return NODES.textNode(instant.toString());
    }
    LogicalType logical = schema.getLogicalType();
    long number = ((Number) value).longValue();
    if (logical instanceof LogicalTypes.TimestampMillis) {
      return NODES.textNode(Instant.ofEpochMilli(number).toString());
    }
    return NODES.numberNode(number);
  }

  private static Schema branch(Schema union, Object value) {
    for (Schema candidate : union.getTypes()) {
      if (candidate.getType() != Schema.Type.NULL && matches(candidate, value)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(
        "Value of "
            + value.getClass().getName()
            + " matches no branch of union "
            + union
            + "; the record does not follow its own schema");
  }

  private static boolean matches(Schema schema, Object value) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED ->
          value instanceof GenericContainer container
              && container.getSchema().getFullName().equals(schema.getFullName());
      case ARRAY -> value instanceof Collection<?>;
      case MAP -> value instanceof Map<?, ?>;
      case BYTES -> value instanceof ByteBuffer || value instanceof byte[];
      case INT -> value instanceof Integer;
      case LONG -> value instanceof Long || value instanceof Instant;
      case FLOAT -> value instanceof Float;
      case DOUBLE -> value instanceof Double;
      case BOOLEAN -> value instanceof Boolean;
      case STRING -> value instanceof CharSequence;
      case UNION, NULL -> false;
    };
  }

  private static ArrayNode array(Schema items, Collection<?> values) {
    ArrayNode array = NODES.arrayNode(values.size());
    for (Object item : values) {
      array.add(value(items, item));
    }
    return array;
  }

  private static ObjectNode map(Schema values, Map<?, ?> entries) {
    ObjectNode object = NODES.objectNode();
    entries.forEach((key, item) -> object.set(key.toString(), value(values, item)));
    return object;
  }

  private static String base64(Object value) {
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    // duplicate(): reading must not move the record's own buffer position.
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] fixedBytes(Object value) {
    return ((org.apache.avro.generic.GenericFixed) value).bytes();
  }
}
