package org.flipad.streams.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * Which verdicts a feed shows: those with the given overall decision, with a result for the given
 * model, and of the given tenant. Any may be absent (everything).
 *
 * @param decision ATTRIBUTED, NOT_ATTRIBUTED, UNDECIDED, or null for all
 * @param modelId a model id, or null for all
 * @param tenant a tenant, or null for all
 */
record FeedFilter(String decision, String modelId, String tenant) {

  static final Set<String> DECISIONS = Set.of("ATTRIBUTED", "NOT_ATTRIBUTED", "UNDECIDED");

  /**
   * The filter of a query's {@code decision}, {@code model} and {@code tenant} parameters (blank
   * means all).
   *
   * @throws IllegalArgumentException when the decision is not one of the three
   */
  static FeedFilter of(Map<String, String> query) {
    String decision = blankToNull(query.get("decision"));
    if (decision != null && !DECISIONS.contains(decision)) {
      throw new IllegalArgumentException(
          "Unknown decision '"
              + decision
              + "'; filter by ATTRIBUTED, NOT_ATTRIBUTED or UNDECIDED, or leave it out");
    }
    return new FeedFilter(
        decision, blankToNull(query.get("model")), blankToNull(query.get("tenant")));
  }

  /** Whether {@code verdict} (an AttributionVerdict as JSON) passes. */
  boolean test(JsonNode verdict) {
    if (decision != null && !decision.equals(verdict.path("verdict").asText())) {
      return false;
    }
    if (tenant != null && !tenant.equals(verdict.path("tenant").asText(null))) {
      return false;
    }
    if (modelId == null) {
      return true;
    }
    for (JsonNode model : verdict.path("models")) {
      if (modelId.equals(model.path("modelId").asText())) {
        return true;
      }
    }
    return false;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
