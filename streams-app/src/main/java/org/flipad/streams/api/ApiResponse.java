package org.flipad.streams.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * What the API answers: status, content type, body and extra headers.
 *
 * @param status HTTP status
 * @param contentType the body's media type
 * @param body the body (HEAD requests get the headers only)
 * @param headers headers beyond content type and the security headers every answer has
 */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

  static final String JSON = "application/json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A JSON answer. */
  static ApiResponse json(int status, JsonNode body) {
    return json(status, body, Map.of());
  }

  /** A JSON answer with extra headers. */
  static ApiResponse json(int status, JsonNode body, Map<String, String> headers) {
    try {
      return new ApiResponse(status, JSON, MAPPER.writeValueAsBytes(body), headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree could not be written: " + e.getMessage(), e);
    }
  }

  /** The error body of {@code problem} with its status. */
  static ApiResponse problem(ApiProblem problem) {
    return json(problem.status(), problem.toJson());
  }

  /** The error body of {@code problem} with extra headers (WWW-Authenticate, Retry-After). */
  static ApiResponse problem(ApiProblem problem, Map<String, String> headers) {
    return json(problem.status(), problem.toJson(), headers);
  }
}
