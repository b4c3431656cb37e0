package org.flipad.streams.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Maps a request's method and raw (still percent-encoded) path onto an {@link ApiRoute}, checking
 * ids on the way, so handlers only ever see well-formed ones. Pure: no I/O.
 */
final class ApiRouter {

  /** The root of every endpoint. */
  static final String BASE = "/api/v1";

  /** Longest accepted upload id, in UTF-8 bytes (ids are Kafka keys, not documents). */
  static final int MAX_UPLOAD_ID_BYTES = 512;

  private static final String ENDPOINTS =
      "GET /api/v1/uploads/{uploadId}, /api/v1/images/{sha256}, /api/v1/models,"
          + " /api/v1/stats or /api/v1/openapi.yaml";

  private ApiRouter() {}

  /** The route of {@code method} on {@code rawPath}. */
  static ApiRoute route(String method, String rawPath) {
    ApiRoute route = byPath(rawPath);
    if (route instanceof ApiRoute.Refused) {
      return route;
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return new ApiRoute.Refused(
          new ApiProblem(
              405,
              "METHOD_NOT_ALLOWED",
              method + " is not supported on " + rawPath + "; the API is read-only, use GET"));
    }
    return route;
  }

  private static ApiRoute byPath(String rawPath) {
    if (rawPath.equals(BASE + "/models")) {
      return new ApiRoute.Models();
    }
    if (rawPath.equals(BASE + "/openapi.yaml")) {
      return new ApiRoute.OpenApi();
    }
    if (rawPath.equals(BASE + "/stats")) {
      return new ApiRoute.Stats();
    }
    if (rawPath.startsWith(BASE + "/uploads/")) {
      return upload(rawPath.substring((BASE + "/uploads/").length()));
    }
    if (rawPath.startsWith(BASE + "/images/")) {
      return image(rawPath.substring((BASE + "/images/").length()));
    }
    return new ApiRoute.Refused(
        new ApiProblem(404, "NO_SUCH_ENDPOINT", "No endpoint " + rawPath + "; use " + ENDPOINTS));
  }

  private static ApiRoute upload(String rawId) {
    if (rawId.isEmpty() || rawId.contains("/")) {
      return malformedUploadId(
          "'" + rawId + "' is empty or has a '/'; percent-encode a '/' in an id as %2F");
    }
    String id;
    try {
      id = percentDecode(rawId);
    } catch (IllegalArgumentException e) {
      return malformedUploadId(e.getMessage());
    }
    int bytes = id.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_UPLOAD_ID_BYTES) {
      return malformedUploadId(
          "the id is " + bytes + " bytes long; ids have at most " + MAX_UPLOAD_ID_BYTES);
    }
    if (id.isBlank() || id.chars().anyMatch(Character::isISOControl)) {
      return malformedUploadId("the id is blank or has control characters");
    }
    return new ApiRoute.Upload(id);
  }

  private static ApiRoute.Refused malformedUploadId(String why) {
    return new ApiRoute.Refused(
        new ApiProblem(
            400,
            "MALFORMED_UPLOAD_ID",
            "Upload id in the path is malformed: " + why + ". Give the uploadId of the upload."));
  }

  private static ApiRoute image(String rawDigest) {
    if (!rawDigest.matches("[0-9A-Fa-f]{64}")) {
      String shown = rawDigest.length() > 80 ? rawDigest.substring(0, 80) + "…" : rawDigest;
      return new ApiRoute.Refused(
          new ApiProblem(
              400,
              "MALFORMED_SHA256",
              "'"
                  + shown
                  + "' is not a SHA-256 digest; give the 64 hex characters of a verdict's"
                  + " imageSha256"));
    }
    return new ApiRoute.Image(rawDigest.toLowerCase(Locale.ROOT));
  }

  /**
   * The endpoint {@code rawPath} addresses, as a bounded label for metrics: {@code uploads}, {@code
   * images}, {@code models}, {@code stats}, {@code openapi} or {@code other}.
   */
  static String endpoint(String rawPath) {
    if (rawPath.startsWith(BASE + "/uploads/")) {
      return "uploads";
    }
    if (rawPath.startsWith(BASE + "/images/")) {
      return "images";
    }
    if (rawPath.equals(BASE + "/models")) {
      return "models";
    }
    if (rawPath.equals(BASE + "/stats")) {
      return "stats";
    }
    return rawPath.equals(BASE + "/openapi.yaml") ? "openapi" : "other";
  }

  /**
   * Decodes %XX escapes as UTF-8 ({@code +} stays a plus: this is a path, not a form).
   *
   * @throws IllegalArgumentException naming the bad escape or byte sequence
   */
  static String percentDecode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 4);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= raw.length() || !raw.substring(i + 1, i + 3).matches("[0-9A-Fa-f]{2}")) {
        throw new IllegalArgumentException(
            "'%" + raw.substring(i + 1, Math.min(raw.length(), i + 3)) + "' is not a %XX escape");
      }
      bytes.put((byte) HexFormat.fromHexDigits(raw, i + 1, i + 3));
      i += 2;
    }
    bytes.flip();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the %XX escapes are not UTF-8", e);
    }
  }
}
