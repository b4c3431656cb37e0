package org.flipad.streams.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded registry's REST subset, over real HTTP, as a Confluent client would see it. */
@Timeout(20)
class RegistryRestTest {

  static final String V1 =
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":["
          + "{\"name\":\"a\",\"type\":\"string\"}]}";
  static final String V2_OPTIONAL =
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":["
          + "{\"name\":\"a\",\"type\":\"string\"},"
          + "{\"name\":\"b\",\"type\":[\"null\",\"int\"],\"default\":null}]}";
  static final String V2_REQUIRED =
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":["
          + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"c\",\"type\":\"int\"}]}";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedSchemaRegistry registry;

  record Answer(int status, String contentType, JsonNode body) {}

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void shouldRegisterThenServeByIdLatestAndLookup() throws Exception {
    Answer registered = post("/subjects/things-value/versions", V1);
    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    int id = registered.body().get("id").asInt();

    Answer byId = get("/schemas/ids/" + id);
    assertThat(byId.body().get("schema").asText()).contains("\"name\":\"Thing\"");

    Answer latest = get("/subjects/things-value/versions/latest");
    assertThat(latest.body().get("subject").asText()).isEqualTo("things-value");
    assertThat(latest.body().get("version").asInt()).isEqualTo(1);
    assertThat(latest.body().get("id").asInt()).isEqualTo(id);

    Answer lookup = post("/subjects/things-value", V1);
    assertThat(lookup.body().get("id").asInt()).isEqualTo(id);
    assertThat(lookup.body().get("version").asInt()).isEqualTo(1);
    assertThat(get("/subjects").body().toString()).isEqualTo("[\"things-value\"]");
    assertThat(get("/subjects/things-value/versions").body().toString()).isEqualTo("[1]");
  }

  @Test
  void shouldGiveTheSameIdWhenTheSameSchemaIsRegisteredAgainOrUnderAnotherSubject()
      throws Exception {
    int first = post("/subjects/a-value/versions", V1).body().get("id").asInt();
    int again = post("/subjects/a-value/versions", V1).body().get("id").asInt();
    int other = post("/subjects/b-value/versions", V1).body().get("id").asInt();
    int evolved = post("/subjects/a-value/versions", V2_OPTIONAL).body().get("id").asInt();

    assertThat(again).isEqualTo(first);
    assertThat(other).isEqualTo(first);
    assertThat(evolved).isNotEqualTo(first);
    assertThat(get("/subjects/a-value/versions").body().toString()).isEqualTo("[1,2]");
  }

  @Test
  void shouldRefuseARequiredFieldWithoutDefaultWith409AndTheConfluentErrorBody() throws Exception {
    post("/subjects/things-value/versions", V1);

    Answer refused = post("/subjects/things-value/versions", V2_REQUIRED);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().get("error_code").asInt()).isEqualTo(40901);
    assertThat(refused.body().get("message").asText()).contains("incompatible", "BACKWARD");
    assertThat(get("/subjects/things-value/versions").body().toString()).isEqualTo("[1]");
  }

  @Test
  void shouldAnswerIsCompatibleTrueOrFalse() throws Exception {
    post("/subjects/things-value/versions", V1);
    String path = "/compatibility/subjects/things-value/versions/latest";

    assertThat(post(path, V2_OPTIONAL).body().get("is_compatible").asBoolean()).isTrue();
    assertThat(post(path, V2_REQUIRED).body().get("is_compatible").asBoolean()).isFalse();
    assertThat(post(path + "?verbose=true", V2_REQUIRED).body().get("messages").toString())
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  @Test
  void shouldAnswerConfluentNotFoundCodes() throws Exception {
    post("/subjects/things-value/versions", V1);

    Answer noSubject = post("/subjects/nothing-value", V1);
    Answer noSchema = post("/subjects/things-value", V2_OPTIONAL);
    Answer noId = get("/schemas/ids/4242");
    Answer noVersion = get("/subjects/things-value/versions/7");

    assertThat(noSubject.status()).isEqualTo(404);
    assertThat(noSubject.body().get("error_code").asInt()).isEqualTo(40401);
    assertThat(noSchema.body().get("error_code").asInt()).isEqualTo(40403);
    assertThat(noId.body().get("error_code").asInt()).isEqualTo(40403);
    assertThat(noVersion.body().get("error_code").asInt()).isEqualTo(40402);
  }

  @Test
  void shouldRefuseAnInvalidSchemaWith42201() throws Exception {
    Answer invalid = post("/subjects/things-value/versions", "{\"type\":\"record\"}");

    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.body().get("error_code").asInt()).isEqualTo(42201);
  }

  @Test
  void shouldAcceptTheChangeWhenTheSubjectLevelIsNone() throws Exception {
    post("/subjects/things-value/versions", V1);

    Answer config = send("PUT", "/config/things-value", "{\"compatibility\":\"NONE\"}");
    Answer registered = post("/subjects/things-value/versions", V2_REQUIRED);

    assertThat(config.body().get("compatibility").asText()).isEqualTo("NONE");
    assertThat(registered.status()).isEqualTo(200);
    assertThat(get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
  }

  private Answer get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  private Answer post(String path, String schema) throws IOException, InterruptedException {
    return send("POST", path, JSON.createObjectNode().put("schema", schema).toString());
  }

  private Answer send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(registry.uri() + path))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        JSON.readTree(response.body()));
  }
}
