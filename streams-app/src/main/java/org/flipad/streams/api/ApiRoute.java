package org.flipad.streams.api;

/** What a request to {@code /api/v1} asks for, once its method and path have been checked. */
sealed interface ApiRoute {

  /** {@code GET /api/v1/uploads/{uploadId}}. */
  record Upload(String uploadId) implements ApiRoute {}

  /** {@code GET /api/v1/images/{sha256}}, the digest in lowercase. */
  record Image(String sha256) implements ApiRoute {}

  /** {@code GET /api/v1/models}. */
  record Models() implements ApiRoute {}

  /** {@code GET /api/v1/stats}. */
  record Stats() implements ApiRoute {}

  /** {@code GET /api/v1/openapi.yaml}. */
  record OpenApi() implements ApiRoute {}

  /** The request cannot be routed: wrong path, method or id. */
  record Refused(ApiProblem problem) implements ApiRoute {}
}
