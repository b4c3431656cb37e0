package org.flipad.streams.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/**
 * The language-neutral form of a generated class's schema: without the {@code "avro.java.string":
 * "String"} properties that {@code stringType=String} adds, so that the registered text equals the
 * {@code .avsc} file and clients in other languages see the same schema.
 */
public final class PortableSchema {

  /** The Java-only property removed from every (string) schema. */
  public static final String JAVA_STRING_PROPERTY = "avro.java.string";

  private static final ObjectMapper JSON = new ObjectMapper();

  private PortableSchema() {}

  /** {@code schema} without any {@code avro.java.string} property, at any depth. */
  public static Schema of(Schema schema) {
    try {
      JsonNode tree = JSON.readTree(schema.toString());
      return new Schema.Parser().parse(JSON.writeValueAsString(strip(tree)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(
          "Avro printed schema " + schema.getFullName() + " as JSON that Jackson cannot read", e);
    }
  }

  private static JsonNode strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(JAVA_STRING_PROPERTY);
      // A {"type": "string"} left with no other property collapses to "string", as in the file.
      if (object.size() == 1 && object.has("type") && object.get("type").isTextual()) {
        return object.get("type");
      }
      object.properties().forEach(entry -> entry.setValue(strip(entry.getValue())));
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, strip(array.get(i)));
      }
    }
    return node;
  }
}
