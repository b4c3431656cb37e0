package org.flipad.streams.api;

import com.fasterxml.jackson.databind.JsonNode;

/** The body of {@code GET /api/v1/stats}: verdict counts and rates over recent windows. */
@FunctionalInterface
public interface StatsListing {

  /** Where no statistics are kept (a server started without them). */
  StatsListing NOT_KEPT = () -> null;

  /** The statistics, or null when this instance keeps none. */
  JsonNode stats();
}
