package org.flipad.streams.runtime;

import java.time.Duration;
import org.flipad.schema.ModelVersion;
import org.flipad.streams.model.ModelCatalog;

/**
 * Waits until a {@link LocalStack}'s screening service has caught up: RUNNING after its start, or
 * watching a model version just published. Neither offers a blocking wait, so both are polled.
 */
final class ScreeningWaits {

  private ScreeningWaits() {}

  static void awaitRunning(ScreeningService service, Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (!service.running()) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException(
            "The screening service did not reach RUNNING within "
                + timeout.toSeconds()
                + " s (state "
                + service.streams().state()
                + ")");
      }
      sleep(20); // the Streams client offers no blocking wait for a state
    }
  }

  /** Waits until {@code catalog}, which the screening service reads, holds {@code record}. */
  static void awaitWatched(ModelCatalog catalog, ModelVersion record, Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (catalog.find(record.getModelId()).map(m -> m.version()).orElse(0)
        != record.getVersion()) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException(
            "The screening service did not pick up "
                + record.getModelId()
                + "@"
                + record.getVersion());
      }
      sleep(20);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
