package org.flipad.streams.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent REST subset over a {@link SchemaCatalog}: routes a request by method and path,
 * answers {@code application/vnd.schemaregistry.v1+json} bodies, and turns {@link
 * SchemaRegistryException}s into {@code {"error_code", "message"}} bodies with their HTTP status.
 */
final class RegistryHttpHandler implements HttpHandler {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchemaCatalog catalog;
  private final AtomicLong requests = new AtomicLong();

  RegistryHttpHandler(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  long requestCount() {
    return requests.get();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      int status = 200;
      Object body;
      try {
        body = route(exchange);
      } catch (SchemaRegistryException e) {
        status = e.error().httpStatus();
        body = error(e.error(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.error(
            "Embedded schema registry failed on {} {}",
            exchange.getRequestMethod(),
            exchange.getRequestURI(),
            e);
        status = 500;
        body = error(RegistryError.SERVER_ERROR, "Error in the backend data store: " + e);
      }
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private Object route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    List<String> path = segments(exchange.getRequestURI().getRawPath());
    String query = exchange.getRequestURI().getRawQuery();
    int n = path.size();
    String root = n == 0 ? "" : path.get(0);
    if (root.equals("subjects")) {
      return subjects(method, path, exchange);
    }
    if (root.equals("schemas") && n == 3 && path.get(1).equals("ids") && method.equals("GET")) {
      return schemaBody(catalog.schemaById(parseId(path.get(2))));
    }
    if (root.equals("compatibility")
        && n == 5
        && path.get(1).equals("subjects")
        && path.get(3).equals("versions")) {
      requireMethod(method, "POST");
      List<String> problems =
          catalog.compatibility(path.get(2), path.get(4), schemaText(exchange.getRequestBody()));
      ObjectNode answer = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
      if (query != null && query.contains("verbose=true")) {
        answer.set("messages", JSON.valueToTree(problems));
      }
      return answer;
    }
    if (root.equals("config") && n <= 2) {
      return config(method, n == 2 ? path.get(1) : null, exchange);
    }
    throw new SchemaRegistryException(RegistryError.NOT_FOUND, "HTTP 404 Not Found");
  }

  private Object subjects(String method, List<String> path, HttpExchange exchange)
      throws IOException {
    int n = path.size();
    if (n == 1) {
      requireMethod(method, "GET");
      return catalog.subjects();
    }
    String subject = path.get(1);
    if (n == 2) {
      requireMethod(method, "POST");
      return versionBody(catalog.lookup(subject, schemaText(exchange.getRequestBody())));
    }
    if (n == 3 && path.get(2).equals("versions")) {
      if (method.equals("POST")) {
        int id = catalog.register(subject, schemaText(exchange.getRequestBody()));
        return JSON.createObjectNode().put("id", id);
      }
      requireMethod(method, "GET");
      return catalog.versionNumbers(subject);
    }
    if (n == 4 && path.get(2).equals("versions")) {
      requireMethod(method, "GET");
      return versionBody(catalog.version(subject, path.get(3)));
    }
    throw new SchemaRegistryException(RegistryError.NOT_FOUND, "HTTP 404 Not Found");
  }

  private Object config(String method, String subject, HttpExchange exchange) throws IOException {
    if (method.equals("PUT")) {
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      String name = request == null ? "" : request.path("compatibility").asText("");
      CompatibilityLevel level;
      try {
        level = CompatibilityLevel.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw new SchemaRegistryException(
            RegistryError.INVALID_COMPATIBILITY_LEVEL,
            "Invalid compatibility level '"
                + name
                + "'. Valid values are "
                + Arrays.toString(CompatibilityLevel.values()),
            e);
      }
      catalog.setLevel(subject, level);
      return JSON.createObjectNode().put("compatibility", level.name());
    }
    requireMethod(method, "GET");
    CompatibilityLevel level =
        subject == null || exchange.getRequestURI().toString().contains("defaultToGlobal=true")
            ? catalog.level(subject)
            : catalog.subjectLevel(subject);
    return JSON.createObjectNode().put("compatibilityLevel", level.name());
  }

  private static String schemaText(InputStream body) throws IOException {
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SchemaRegistryException(
          RegistryError.INVALID_SCHEMA, "Request body is not JSON: " + e.getOriginalMessage(), e);
    }
    if (request == null || !request.path("schema").isTextual()) {
      throw new SchemaRegistryException(
          RegistryError.INVALID_SCHEMA, "Request body needs a string field \"schema\"");
    }
    String type = request.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw new SchemaRegistryException(
          RegistryError.INVALID_SCHEMA,
          "Schema type " + type + " is not supported by this registry; only AVRO is");
    }
    if (request.path("references").size() > 0) {
      throw new SchemaRegistryException(
          RegistryError.INVALID_SCHEMA,
          "Schema references are not supported by this registry; inline the named types");
    }
    return request.get("schema").asText();
  }

  private static ObjectNode versionBody(SchemaRecord record) {
    return JSON.createObjectNode()
        .put("subject", record.subject())
        .put("version", record.version())
        .put("id", record.id())
        .put("schema", record.schema());
  }

  private static ObjectNode schemaBody(String schema) {
    return JSON.createObjectNode().put("schema", schema);
  }

  private static ObjectNode error(RegistryError error, String message) {
    return JSON.createObjectNode().put("error_code", error.code()).put("message", message);
  }

  private static int parseId(String id) {
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw new SchemaRegistryException(
          RegistryError.SCHEMA_NOT_FOUND, "Schema " + id + " not found", e);
    }
  }

  private static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw new SchemaRegistryException(
          RegistryError.METHOD_NOT_ALLOWED, "HTTP 405 Method Not Allowed");
    }
  }

  private static List<String> segments(String rawPath) {
    return Arrays.stream(rawPath.split("/"))
        .filter(segment -> !segment.isEmpty())
        .map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8))
        .toList();
  }
}
