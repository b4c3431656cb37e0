package org.flipad.streams.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.flipad.streams.demo.SyntheticOutcomes;
import org.flipad.streams.lookup.Located;
import org.flipad.streams.lookup.Lookups;
import org.flipad.streams.lookup.UploadOutcome;
import org.flipad.streams.serde.AvroJson;
import org.junit.jupiter.api.Test;

/** Answers of the API for stored, missing, remote and unavailable keys, and who may ask. */
class ApiHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "s3cret-token";
  private static final String BEARER = "Bearer " + TOKEN;
  private static final Instant AT = Instant.parse("2026-12-02T03:31:22Z");
  private static final String SHA = "ab".repeat(32);
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0};

  private final Map<String, Located<UploadOutcome>> uploads = new HashMap<>();
  private final Map<String, Located<byte[]>> images = new HashMap<>();
  private final List<HostInfo> forwardedTo = new ArrayList<>();

  private final Lookups lookups =
      new Lookups() {
        @Override
        public Located<UploadOutcome> upload(String uploadId) {
          return uploads.getOrDefault(uploadId, new Located.Missing<>());
        }

        @Override
        public Located<byte[]> image(String sha256) {
          return images.getOrDefault(sha256, new Located.Missing<>());
        }
      };

  @Test
  void shouldAnswerAVerdictWithEveryFieldOfTheRecord() throws IOException {
    uploads.put(
        "u-1",
        new Located.Found<>(
            new UploadOutcome(
                "u-1", AvroJson.of(SyntheticOutcomes.verdict("u-1", AT)), null, 1_000L)));

    ApiResponse response = handler(List.of()).handle(get("/api/v1/uploads/u-1", null));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("uploadId").asText()).isEqualTo("u-1");
    assertThat(body.get("outcome").asText()).isEqualTo("VERDICT");
    assertThat(body.get("recordedAt").asText()).isEqualTo("1970-01-01T00:00:01Z");
    assertThat(body.get("verdict").get("verdict").asText()).isEqualTo("ATTRIBUTED");
    assertThat(body.get("verdict").get("decidedAt").asText()).isEqualTo(AT.toString());
    assertThat(body.get("verdict").size())
        .isEqualTo(org.flipad.schema.AttributionVerdict.getClassSchema().getFields().size());
    assertThat(body.get("deadLetter").isNull()).isTrue();
  }

  @Test
  void shouldAnswerAnUnknownUploadWith404AndSayWhatWasLookedFor() throws IOException {
    ApiResponse response = handler(List.of()).handle(get("/api/v1/uploads/nope", null));

    assertThat(response.status()).isEqualTo(404);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("status").asInt()).isEqualTo(404);
    assertThat(error.get("code").asText()).isEqualTo("UPLOAD_NOT_FOUND");
    assertThat(error.get("message").asText()).contains("'nope'").contains("168 h");
  }

  @Test
  void shouldAnswerMalformedRequestsWithAJsonProblem() throws IOException {
    ApiResponse response = handler(List.of()).handle(get("/api/v1/images/xyz", null));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).isEqualTo("application/json");
    assertThat(JSON.readTree(response.body()).get("error").get("code").asText())
        .isEqualTo("MALFORMED_SHA256");
  }

  @Test
  void shouldRequireAValidBearerTokenWhenTokensAreConfigured() throws IOException {
    ApiHandler handler = handler(List.of(digest(TOKEN)));

    ApiResponse none = handler.handle(get("/api/v1/models", null));
    ApiResponse wrong = handler.handle(get("/api/v1/models", "Bearer guess"));
    ApiResponse valid = handler.handle(get("/api/v1/models", BEARER));

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.headers()).containsKey("WWW-Authenticate");
    assertThat(code(none)).isEqualTo("AUTHENTICATION_REQUIRED");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(code(wrong)).isEqualTo("INVALID_TOKEN");
    assertThat(valid.status()).isEqualTo(200);
    assertThat(JSON.readTree(valid.body()).get("models").isArray()).isTrue();
  }

  @Test
  void shouldServeImagesOnlyToAuthenticatedCallers() throws IOException {
    images.put(SHA, new Located.Found<>(PNG));

    ApiResponse anonymous = handler(List.of()).handle(get("/api/v1/images/" + SHA, null));
    ApiResponse authenticated =
        handler(List.of(digest(TOKEN))).handle(get("/api/v1/images/" + SHA, BEARER));

    assertThat(anonymous.status()).isEqualTo(403);
    assertThat(code(anonymous)).isEqualTo("IMAGES_NEED_AUTHENTICATION");
    assertThat(authenticated.status()).isEqualTo(200);
    assertThat(authenticated.contentType()).isEqualTo("image/png");
    assertThat(authenticated.body()).isEqualTo(PNG);
  }

  @Test
  void shouldServeTheOpenApiDescriptionWithoutAToken() {
    ApiResponse response =
        handler(List.of(digest(TOKEN))).handle(get("/api/v1/openapi.yaml", null));

    assertThat(response.status()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .startsWith("openapi: 3.")
        .contains("/api/v1/uploads/{uploadId}")
        .contains("/api/v1/images/{sha256}")
        .contains("/api/v1/models");
  }

  @Test
  void shouldForwardALookupToTheOwnerOnceAndNeverAgain() throws IOException {
    HostInfo owner = new HostInfo("10.0.0.7", 8090);
    uploads.put("remote", new Located.Elsewhere<>(owner));
    ApiHandler handler = handler(List.of(digest(TOKEN)));

    ApiResponse first = handler.handle(get("/api/v1/uploads/remote", BEARER));
    ApiResponse second =
        handler.handle(new ApiRequest("GET", "/api/v1/uploads/remote", BEARER, true));

    assertThat(first.status()).isEqualTo(299);
    assertThat(forwardedTo).containsExactly(owner);
    assertThat(second.status()).isEqualTo(503);
    assertThat(code(second)).isEqualTo("STORE_UNAVAILABLE");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhileTheStoreCannotBeRead() throws IOException {
    uploads.put("busy", new Located.Unavailable<>("rebalancing"));

    ApiResponse response = handler(List.of()).handle(get("/api/v1/uploads/busy", null));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("Retry-After", "1");
    assertThat(JSON.readTree(response.body()).get("error").get("message").asText())
        .contains("rebalancing");
  }

  @Test
  void shouldRefuseToListenBeyondLoopbackWithoutTokens() {
    assertThatThrownBy(() -> new ApiSettings("0.0.0.0", 8090, List.of(), 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without authentication")
        .hasMessageContaining("flipad.api.tokens.sha256");
    assertThatThrownBy(() -> new ApiSettings("127.0.0.1", 8090, List.of(TOKEN), 4))
        .hasMessageContaining("not 64 hex characters");
    assertThat(new ApiSettings("0.0.0.0", 8090, List.of(digest(TOKEN)), 4).authenticated())
        .isTrue();
    assertThat(new ApiSettings("localhost", 8090, List.of(), 4).authenticated()).isFalse();
  }

  @Test
  void shouldAnswerStatisticsToTokenHoldersAndSayWhenNoneAreKept() throws IOException {
    ApiHandler withStats =
        new ApiHandler(
            new ApiContent(
                lookups,
                JSON::createObjectNode,
                () -> JSON.createObjectNode().put("generatedAt", AT.toString()),
                Duration.ofDays(7)),
            new BearerTokens(List.of(digest(TOKEN))),
            (owner, request) -> {
              throw new AssertionError("statistics are never forwarded");
            });

    ApiResponse stats = withStats.handle(get("/api/v1/stats", BEARER));
    ApiResponse anonymous = withStats.handle(get("/api/v1/stats", null));
    ApiResponse none = handler(List.of()).handle(get("/api/v1/stats", null));

    assertThat(stats.status()).isEqualTo(200);
    assertThat(JSON.readTree(stats.body()).get("generatedAt").asText()).isEqualTo(AT.toString());
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(none.status()).isEqualTo(404);
    assertThat(code(none)).isEqualTo("NO_STATS");
    assertThat(ApiRouter.endpoint("/api/v1/stats")).isEqualTo("stats");
  }

  private ApiHandler handler(List<String> digests) {
    return new ApiHandler(
        lookups,
        () -> JsonNodeFactory.instance.objectNode().set("models", JSON.createArrayNode()),
        new BearerTokens(digests),
        (owner, request) -> {
          forwardedTo.add(owner);
          return new ApiResponse(299, "application/json", new byte[0], Map.of());
        },
        Duration.ofDays(7));
  }

  private static ApiRequest get(String path, String authorization) {
    return new ApiRequest("GET", path, authorization, false);
  }

  private static String code(ApiResponse response) throws IOException {
    return JSON.readTree(response.body()).get("error").get("code").asText();
  }

  private static String digest(String token) {
    return HexFormat.of().formatHex(BearerTokens.sha256(token));
  }
}
