package org.flipad.streams.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flipad.streams.lookup.Located;
import org.flipad.streams.lookup.Lookups;
import org.flipad.streams.lookup.UploadOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API over a real socket: headers, HEAD, methods, raw paths. */
class ApiHttpServerTest {

  private final HttpClient client = HttpClient.newHttpClient();
  private final List<String> answered = new CopyOnWriteArrayList<>();
  private ApiHttpServer server;

  @BeforeEach
  void start() {
    Lookups nothing =
        new Lookups() {
          @Override
          public Located<UploadOutcome> upload(String uploadId) {
            return new Located.Missing<>();
          }

          @Override
          public Located<byte[]> image(String sha256) {
            return new Located.Missing<>();
          }
        };
    server =
        ApiHttpServer.start(
            ApiSettings.loopbackEphemeral(),
            nothing,
            () -> new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(),
            Duration.ofDays(1),
            (endpoint, status, elapsed) -> answered.add(endpoint + " " + status));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldSendJsonProblemsWithSecurityHeaders() throws Exception {
    HttpResponse<String> response = send("GET", "/api/v1/uploads/u%201");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(response.body()).contains("\"code\":\"UPLOAD_NOT_FOUND\"").contains("'u 1'");
  }

  @Test
  void shouldAnswerAWrongMethodWith405AndAllow() throws Exception {
    HttpResponse<String> response = send("POST", "/api/v1/models");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(response.body()).contains("METHOD_NOT_ALLOWED");
  }

  @Test
  void shouldTellTheListenerOfEveryAnswerByEndpointAndStatus() throws Exception {
    send("GET", "/api/v1/uploads/u-1");
    send("POST", "/api/v1/models");
    send("GET", "/api/v1/openapi.yaml");
    send("GET", "/nowhere");

    // The listener hears after the last byte is sent, so the client may be a moment ahead.
    long until = System.nanoTime() + 5_000_000_000L;
    while (answered.size() < 4 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertThat(answered).containsExactly("uploads 404", "models 405", "openapi 200", "other 404");
  }

  @Test
  void shouldAnswerHeadWithoutABody() throws Exception {
    HttpResponse<String> response = send("HEAD", "/api/v1/models");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void shouldRefuseAnUnknownPathWithTheListOfEndpoints() throws Exception {
    for (String path : List.of("/", "/api/v1", "/metrics")) {
      HttpResponse<String> response = send("GET", path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).contains("NO_SUCH_ENDPOINT");
    }
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(server.uri() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
