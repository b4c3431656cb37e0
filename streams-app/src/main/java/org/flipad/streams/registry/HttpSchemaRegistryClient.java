package org.flipad.streams.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistryClient} over the Confluent REST API ({@code
 * application/vnd.schemaregistry.v1+json}), with bounded caches of id→schema and (subject,
 * schema)→registration, and negative caching of "not found" answers for {@link
 * HttpRegistryClientSettings#notFoundTtl()} on the injected clock. The latest version and
 * compatibility answers are not cached (they change with every registration). Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpRegistryClientSettings settings;
  private final HttpClient http;
  private final InstantSource clock;
  private final BoundedCache<Integer, Schema> schemasById;
  private final BoundedCache<SubjectSchema, RegisteredSchema> registrations;
  private final BoundedCache<Object, Instant> notFoundUntil;

  /** A client of the registry at {@code settings.baseUri()}. */
  public HttpSchemaRegistryClient(
      HttpRegistryClientSettings settings, HttpClient http, InstantSource clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.schemasById = new BoundedCache<>(settings.cacheCapacity());
    this.registrations = new BoundedCache<>(settings.cacheCapacity());
    this.notFoundUntil = new BoundedCache<>(settings.cacheCapacity());
  }

  /** A client with its own {@link HttpClient} and the system clock. */
  public static HttpSchemaRegistryClient create(HttpRegistryClientSettings settings) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    return new HttpSchemaRegistryClient(settings, http, InstantSource.system());
  }

  private record SubjectSchema(String subject, String schema) {}

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema.toString());
    Optional<RegisteredSchema> cached = registrations.get(key);
    if (cached.isPresent()) {
      return cached.get().id();
    }
    JsonNode answer =
        send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    int id = answer.path("id").asInt();
    notFoundUntil.remove(key);
    schemasById.put(id, schema);
    return id;
  }

  @Override
  public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema.toString());
    return cachedOrFetch(
        key,
        () -> registrations.get(key),
        () -> {
          JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
          RegisteredSchema found = registered(answer);
          registrations.put(key, found);
          return found;
        });
  }

  @Override
  public Optional<Schema> schemaById(int id) {
    return cachedOrFetch(
        id,
        () -> schemasById.get(id),
        () -> {
          Schema schema = parse(send("GET", "/schemas/ids/" + id, null).path("schema").asText());
          schemasById.put(id, schema);
          return schema;
        });
  }

  @Override
  public Optional<RegisteredSchema> latest(String subject) {
    try {
      return Optional.of(
          registered(send("GET", "/subjects/" + encode(subject) + "/versions/latest", null)));
    } catch (SchemaRegistryException e) {
      if (e.error() == RegistryError.SUBJECT_NOT_FOUND
          || e.error() == RegistryError.VERSION_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    String path = "/compatibility/subjects/" + encode(subject) + "/versions/latest";
    try {
      return send("POST", path, schemaBody(schema)).path("is_compatible").asBoolean(false);
    } catch (SchemaRegistryException e) {
      // Older Confluent servers answer 40401 for a subject without versions: anything may start it.
      if (e.error() == RegistryError.SUBJECT_NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }

  /** A cached value, a cached "not found", or one HTTP call whose not-found answer is cached. */
  private <V> Optional<V> cachedOrFetch(
      Object key, Supplier<Optional<V>> cache, Supplier<V> fetch) {
    Optional<V> cached = cache.get();
    if (cached.isPresent()) {
      return cached;
    }
    Instant now = clock.instant();
    Optional<Instant> until = notFoundUntil.get(key);
    if (until.isPresent() && now.isBefore(until.get())) {
      return Optional.empty();
    }
    try {
      V value = fetch.get();
      notFoundUntil.remove(key);
      return Optional.of(value);
    } catch (SchemaRegistryException e) {
      if (e.error().httpStatus() != 404 || e.error() == RegistryError.NOT_FOUND) {
        throw e;
      }
      if (!settings.notFoundTtl().isZero()) {
        notFoundUntil.put(key, now.plus(settings.notFoundTtl()));
      }
      return Optional.empty();
    }
  }

  private JsonNode send(String method, String path, String body) {
    URI uri = URI.create(settings.baseUri().toString().replaceAll("/+$", "") + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("Accept", CONTENT_TYPE);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw unreachable(method, uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(method, uri, e);
    }
    return answer(method, uri, response);
  }

  private static JsonNode answer(String method, URI uri, HttpResponse<String> response) {
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new SchemaRegistryException(
          RegistryError.UNREACHABLE,
          method
              + " "
              + uri
              + " answered HTTP "
              + response.statusCode()
              + " with a body that is not JSON; is this a schema registry?",
          e);
    }
    if (response.statusCode() / 100 == 2) {
      return json;
    }
    RegistryError error =
        RegistryError.of(response.statusCode(), json.path("error_code").asInt(-1));
    throw new SchemaRegistryException(
        error,
        method
            + " "
            + uri
            + " failed: HTTP "
            + response.statusCode()
            + ", error_code "
            + json.path("error_code").asInt(-1)
            + " ("
            + error
            + "): "
            + json.path("message").asText(response.body()));
  }

  private static SchemaRegistryException unreachable(String method, URI uri, Exception e) {
    return new SchemaRegistryException(
        RegistryError.UNREACHABLE,
        method + " " + uri + " got no answer (" + e + "). Check the registry URL and that it runs.",
        e);
  }

  private static RegisteredSchema registered(JsonNode answer) {
    return new RegisteredSchema(
        answer.path("subject").asText(),
        answer.path("id").asInt(),
        answer.path("version").asInt(),
        parse(answer.path("schema").asText()));
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode()
        .put("schema", schema.toString())
        .put("schemaType", "AVRO")
        .toString();
  }

  private static Schema parse(String text) {
    return new Schema.Parser().parse(text);
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
