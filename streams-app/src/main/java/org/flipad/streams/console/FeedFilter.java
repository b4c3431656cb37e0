package org.flipad.streams.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Which verdicts a feed shows: those with the given overall decision, with a result for the given
 * model, of the given tenant, and decided since a given instant. Any may be absent (everything).
 *
 * @param decision ATTRIBUTED, NOT_ATTRIBUTED, UNDECIDED, or null for all
 * @param modelId a model id, or null for all
 * @param tenant a tenant, or null for all
 * @param since the earliest {@code decidedAt} shown, or null for all
 */
record FeedFilter(String decision, String modelId, String tenant, Instant since) {

  /** The longest look-back {@code minutes} accepts: a week. */
  static final int MAX_MINUTES = 7 * 24 * 60;

  static final Set<String> DECISIONS = Set.of("ATTRIBUTED", "NOT_ATTRIBUTED", "UNDECIDED");

  /**
   * The filter of a query's {@code decision}, {@code model} and {@code tenant} parameters (blank
   * means all).
   *
   * @throws IllegalArgumentException when the decision is not one of the three
   */
  static FeedFilter of(Map<String, String> query) {
    return of(query, Instant.now());
  }

  /**
   * The filter of a query's {@code decision}, {@code model}, {@code tenant} and {@code minutes}
   * (verdicts decided in the last that many minutes before {@code now}) parameters.
   *
   * @throws IllegalArgumentException when the decision is not one of the three, or minutes is not a
   *     whole number from 1 to {@link #MAX_MINUTES}
   */
  static FeedFilter of(Map<String, String> query, Instant now) {
    String decision = blankToNull(query.get("decision"));
    if (decision != null && !DECISIONS.contains(decision)) {
      throw new IllegalArgumentException(
          "Unknown decision '"
              + decision
              + "'; filter by ATTRIBUTED, NOT_ATTRIBUTED or UNDECIDED, or leave it out");
    }
    String minutes = blankToNull(query.get("minutes"));
    Instant since = null;
    if (minutes != null) {
      int value;
      try {
        value = Integer.parseInt(minutes);
      } catch (NumberFormatException e) {
        value = -1;
      }
      if (value < 1 || value > MAX_MINUTES) {
        throw new IllegalArgumentException(
            "minutes is '"
                + minutes
                + "'; give a whole number of minutes from 1 to "
                + MAX_MINUTES
                + ", or leave it out for every verdict");
      }
      since = now.minus(Duration.ofMinutes(value));
    }
    return new FeedFilter(
        decision, blankToNull(query.get("model")), blankToNull(query.get("tenant")), since);
  }

  /** Whether {@code verdict} (an AttributionVerdict as JSON) passes. */
  boolean test(JsonNode verdict) {
    if (decision != null && !decision.equals(verdict.path("verdict").asText())) {
      return false;
    }
    if (since != null && !decidedSince(verdict)) {
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

  private boolean decidedSince(JsonNode verdict) {
    try {
      return !Instant.parse(verdict.path("decidedAt").asText()).isBefore(since);
    } catch (DateTimeParseException e) {
      return false; // no decision time: not known to be recent
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
