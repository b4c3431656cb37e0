package org.flipad.streams.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.flipad.core.data.EncodedImageFormat;
import org.flipad.streams.lookup.Located;
import org.flipad.streams.lookup.Lookups;
import org.flipad.streams.lookup.UploadOutcome;

/**
 * Answers one API request: routes it, checks the bearer token, reads the lookup stores or the model
 * listing, and forwards a lookup whose key another instance owns. No HTTP plumbing here ({@link
 * ApiHttpServer} does that), so every answer can be tested without a socket.
 *
 * <p>Access: with tokens configured, everything but the OpenAPI description needs a valid token;
 * without tokens (loopback only) verdicts and models are open and images are refused to everyone.
 */
final class ApiHandler {

  /** Classpath location of the OpenAPI description. */
  static final String OPENAPI_RESOURCE = "/openapi/flipad-api.yaml";

  private static final Map<String, String> CHALLENGE =
      Map.of("WWW-Authenticate", "Bearer realm=\"flipad\"");

  private final Lookups lookups;
  private final ModelListing models;
  private final StatsListing stats;
  private final BearerTokens tokens;
  private final Forwarder forwarder;
  private final Duration retention;
  private final byte[] openApi;

  /**
   * @param lookups the stores (or a fake in tests)
   * @param models the model listing
   * @param tokens accepted bearer tokens
   * @param forwarder how a lookup reaches the key's owner
   * @param retention how long outcomes are kept (named in 404 messages)
   */
  ApiHandler(
      Lookups lookups,
      ModelListing models,
      BearerTokens tokens,
      Forwarder forwarder,
      Duration retention) {
    this(new ApiContent(lookups, models, StatsListing.NOT_KEPT, retention), tokens, forwarder);
  }

  /**
   * @param content what the API serves
   * @param tokens accepted bearer tokens
   * @param forwarder how a lookup reaches the key's owner
   */
  ApiHandler(ApiContent content, BearerTokens tokens, Forwarder forwarder) {
    this.lookups = content.lookups();
    this.models = content.models();
    this.stats = content.stats();
    this.tokens = tokens;
    this.forwarder = forwarder;
    this.retention = content.retention();
    this.openApi = readOpenApi();
  }

  ApiResponse handle(ApiRequest request) {
    ApiRoute route = ApiRouter.route(request.method(), request.rawPath());
    if (route instanceof ApiRoute.Refused refused) {
      return ApiResponse.problem(refused.problem());
    }
    if (route instanceof ApiRoute.OpenApi) {
      return new ApiResponse(200, "application/yaml; charset=utf-8", openApi, Map.of());
    }
    ApiResponse denied = denied(tokens.check(request.authorization()), route);
    if (denied != null) {
      return denied;
    }
    if (route instanceof ApiRoute.Upload upload) {
      return upload(upload.uploadId(), request);
    }
    if (route instanceof ApiRoute.Image image) {
      return image(image.sha256(), request);
    }
    if (route instanceof ApiRoute.Stats) {
      return stats();
    }
    return ApiResponse.json(200, models.models());
  }

  private static ApiResponse denied(BearerTokens.Verdict caller, ApiRoute route) {
    switch (caller) {
      case MISSING:
        return ApiResponse.problem(
            new ApiProblem(
                401,
                "AUTHENTICATION_REQUIRED",
                "This API needs a bearer token; send 'Authorization: Bearer <token>'"),
            CHALLENGE);
      case WRONG:
        return ApiResponse.problem(
            new ApiProblem(
                401,
                "INVALID_TOKEN",
                "The bearer token is not one of the configured tokens (flipad.api.tokens.sha256"
                    + " holds their SHA-256 digests)"),
            CHALLENGE);
      case ANONYMOUS:
        return route instanceof ApiRoute.Image
            ? ApiResponse.problem(
                new ApiProblem(
                    403,
                    "IMAGES_NEED_AUTHENTICATION",
                    "Images are served to authenticated callers only, and no tokens are"
                        + " configured; set flipad.api.tokens.sha256 and send a bearer token"))
            : null;
      default:
        return null;
    }
  }

  private ApiResponse upload(String uploadId, ApiRequest request) {
    Located<UploadOutcome> located = lookups.upload(uploadId);
    if (located instanceof Located.Found<UploadOutcome> found) {
      return ApiResponse.json(200, found.value().toJson());
    }
    if (located instanceof Located.Missing) {
      return ApiResponse.problem(
          new ApiProblem(
              404,
              "UPLOAD_NOT_FOUND",
              "No verdict or dead letter for upload '"
                  + uploadId
                  + "' within the last "
                  + describe(retention)
                  + " (flipad.api.lookup.retention.ms). Check the id; an upload still being"
                  + " screened has no outcome yet."));
    }
    return elsewhereOrUnavailable(located, request);
  }

  private ApiResponse image(String sha256, ApiRequest request) {
    Located<byte[]> located = lookups.image(sha256);
    if (located instanceof Located.Found<byte[]> found) {
      return new ApiResponse(
          200, EncodedImageFormat.mediaTypeOf(found.value()), found.value(), Map.of());
    }
    if (located instanceof Located.Missing) {
      return ApiResponse.problem(
          new ApiProblem(
              404,
              "IMAGE_NOT_FOUND",
              "No archived image with sha256 "
                  + sha256
                  + "; images are archived for 30 days, only for uploads that reached a"
                  + " worker (not for dead letters or cached decisions of re-uploads)"));
    }
    return elsewhereOrUnavailable(located, request);
  }

  private ApiResponse stats() {
    JsonNode body = stats.stats();
    if (body == null) {
      return ApiResponse.problem(
          new ApiProblem(
              404,
              "NO_STATS",
              "This instance keeps no verdict statistics; flipad serve keeps them while the API"
                  + " is on (flipad.api.enabled)"));
    }
    return ApiResponse.json(200, body);
  }

  private ApiResponse elsewhereOrUnavailable(Located<?> located, ApiRequest request) {
    if (located instanceof Located.Elsewhere<?> elsewhere) {
      return forward(elsewhere, request);
    }
    return unavailable(((Located.Unavailable<?>) located).reason());
  }

  private ApiResponse forward(Located.Elsewhere<?> elsewhere, ApiRequest request) {
    if (request.forwarded()) {
      return unavailable(
          "this instance was asked by another one, yet the metadata names "
              + elsewhere.owner()
              + " as the owner (the assignment is changing)");
    }
    return forwarder.forward(elsewhere.owner(), request);
  }

  private static ApiResponse unavailable(String reason) {
    return ApiResponse.problem(
        new ApiProblem(
            503, "STORE_UNAVAILABLE", "The lookup cannot be answered now: " + reason + ". Retry."),
        Map.of("Retry-After", "1"));
  }

  private static String describe(Duration duration) {
    long hours = duration.toHours();
    return hours >= 1 && duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0
        ? hours + " h"
        : duration.toSeconds() + " s";
  }

  private static byte[] readOpenApi() {
    try (InputStream in = ApiHandler.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + OPENAPI_RESOURCE, e);
    }
  }
}
