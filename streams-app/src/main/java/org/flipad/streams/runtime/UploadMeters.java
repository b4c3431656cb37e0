package org.flipad.streams.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.flipad.schema.Decision;

/**
 * The meters that follow each upload through the screening service: uploads received, uploads in
 * flight, verdicts by decision and cache, and the end-to-end latency. Registered once, up front, so
 * that every series exists (at zero) from the first scrape. Part of {@link ServiceMetrics}.
 */
final class UploadMeters {

  private final Counter uploadsReceived;
  private final Map<Decision, Counter> verdictsFresh = new EnumMap<>(Decision.class);
  private final Map<Decision, Counter> verdictsCached = new EnumMap<>(Decision.class);
  private final Timer endToEndLatency;
  private final AtomicLong uploadsInFlight = new AtomicLong();
  private volatile Supplier<OptionalLong> inFlightCount;

  UploadMeters(MeterRegistry registry) {
    uploadsReceived =
        Counter.builder(ServiceMetrics.UPLOADS_RECEIVED)
            .description("Uploads read from flipad.uploads")
            .register(registry);
    for (Decision decision : Decision.values()) {
      verdictsFresh.put(decision, verdictCounter(registry, decision, false));
      verdictsCached.put(decision, verdictCounter(registry, decision, true));
    }
    endToEndLatency =
        Timer.builder(ServiceMetrics.END_TO_END_LATENCY)
            .description("Time from an upload's received-at to its verdict")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(5))
            .maximumExpectedValue(Duration.ofMinutes(2))
            .register(registry);
    Gauge.builder(ServiceMetrics.UPLOADS_IN_FLIGHT, this, UploadMeters::readUploadsInFlight)
        .description("Uploads waiting for their verdict")
        .register(registry);
  }

  void uploadReceived() {
    uploadsReceived.increment();
  }

  void uploadStarted() {
    if (inFlightCount == null) {
      uploadsInFlight.incrementAndGet();
    }
  }

  void uploadFinished() {
    if (inFlightCount == null) {
      uploadsInFlight.decrementAndGet();
    }
  }

  void countUploadsInFlight(Supplier<OptionalLong> count) {
    this.inFlightCount = count;
  }

  private double readUploadsInFlight() {
    Supplier<OptionalLong> count = inFlightCount;
    if (count != null) {
      count.get().ifPresent(uploadsInFlight::set);
    }
    return uploadsInFlight.get();
  }

  void verdict(Decision decision, boolean cached, Duration endToEnd) {
    Objects.requireNonNull(decision, "decision");
    (cached ? verdictsCached : verdictsFresh).get(decision).increment();
    if (!endToEnd.isNegative()) {
      endToEndLatency.record(endToEnd);
    }
  }

  private static Counter verdictCounter(MeterRegistry registry, Decision decision, boolean cached) {
    return Counter.builder(ServiceMetrics.VERDICTS)
        .description("Verdicts written, by decision and whether served from the dedupe cache")
        .tag("decision", decision.name())
        .tag("cached", String.valueOf(cached))
        .register(registry);
  }
}
