package org.flipad.streams.api;

import com.fasterxml.jackson.databind.JsonNode;

/** The body of {@code GET /api/v1/models}: what this instance knows about the models. */
@FunctionalInterface
public interface ModelListing {

  /** The models, as the API renders them. */
  JsonNode models();
}
