package org.flipad.streams.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Why a request got no answer: an HTTP status, a stable code callers can switch on, and a message
 * for people that says what was wrong and what to do. Rendered as {@code {"error": {"status": 404,
 * "code": "UPLOAD_NOT_FOUND", "message": "..."}}}.
 *
 * @param status HTTP status, 4xx or 5xx
 * @param code upper-case code, e.g. {@code MALFORMED_UPLOAD_ID}
 * @param message what was wrong, the value and what to do
 */
public record ApiProblem(int status, String code, String message) {

  /** The error body. */
  public ObjectNode toJson() {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.put("status", status);
    error.put("code", code);
    error.put("message", message);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("error", error);
    return body;
  }
}
