package org.flipad.streams.api;

import java.time.Duration;
import java.util.Objects;
import org.flipad.streams.lookup.Lookups;

/**
 * What the API serves.
 *
 * @param lookups the lookup stores
 * @param models what {@code /api/v1/models} lists
 * @param stats what {@code /api/v1/stats} answers ({@link StatsListing#NOT_KEPT} for none)
 * @param retention how long outcomes are kept (named in "not found" answers)
 */
public record ApiContent(
    Lookups lookups, ModelListing models, StatsListing stats, Duration retention) {

  /** Checks that every part is there. */
  public ApiContent {
    Objects.requireNonNull(lookups, "lookups");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(retention, "retention");
  }
}
