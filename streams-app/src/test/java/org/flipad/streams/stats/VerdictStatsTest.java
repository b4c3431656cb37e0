package org.flipad.streams.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VerdictStatsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-02T08:00:05Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
  private final VerdictStats stats = new VerdictStats(InstantSource.fixed(NOW));
  private final VerdictStats moving = new VerdictStats(now::get);

  private static JsonNode verdict(Instant at, String decision, String modelDecision, long latency)
      throws Exception {
    return JSON.readTree(
        "{\"decidedAt\":\""
            + at
            + "\",\"verdict\":\""
            + decision
            + "\",\"models\":[{\"modelId\":\"dcgan-seed1\",\"decision\":\""
            + modelDecision
            + "\"}],\"timings\":{\"endToEndMs\":"
            + latency
            + "}}");
  }

  private static JsonNode window(JsonNode body, String name) {
    for (JsonNode window : body.get("windows")) {
      if (window.get("window").asText().equals(name)) {
        return window;
      }
    }
    throw new AssertionError("no window " + name);
  }

  @Test
  void shouldCountByDecisionAndModelPerWindow() throws Exception {
    stats.record(verdict(NOW.minusSeconds(2), "ATTRIBUTED", "ATTRIBUTED", 100));
    stats.record(verdict(NOW.minusSeconds(3), "NOT_ATTRIBUTED", "NOT_ATTRIBUTED", 200));
    stats.record(verdict(NOW.minusSeconds(4), "UNDECIDED", "UNDECIDED", 5000));
    stats.record(verdict(NOW.minus(Duration.ofMinutes(10)), "ATTRIBUTED", "ATTRIBUTED", 100));
    stats.record(verdict(NOW.minus(Duration.ofMinutes(61)), "ATTRIBUTED", "ATTRIBUTED", 100));

    JsonNode body = stats.toJson();
    JsonNode minute = window(body, "1m");
    JsonNode hour = window(body, "1h");

    assertThat(minute.get("verdicts").asLong()).isEqualTo(3);
    assertThat(minute.get("decisions").get("ATTRIBUTED").asLong()).isEqualTo(1);
    assertThat(minute.get("decisions").get("UNDECIDED").asLong()).isEqualTo(1);
    JsonNode model = minute.get("models").get(0);
    assertThat(model.get("modelId").asText()).isEqualTo("dcgan-seed1");
    assertThat(model.get("attributed").asLong()).isEqualTo(1);
    assertThat(model.get("undecided").asLong()).isEqualTo(1);
    assertThat(model.get("attributionRate").asDouble()).isEqualTo(1.0 / 3);
    // 08:00:05 back to 07:59:00 (aligned to 10 s) is 65 s.
    assertThat(minute.get("seconds").asDouble()).isEqualTo(65.0);
    assertThat(minute.get("verdictsPerSecond").asDouble()).isEqualTo(3 / 65.0);
    assertThat(hour.get("verdicts").asLong()).as("the 61-minute-old one is left out").isEqualTo(4);
    assertThat(window(body, "5m").get("verdicts").asLong()).isEqualTo(3);
    assertThat(window(body, "15m").get("verdicts").asLong()).isEqualTo(4);
  }

  @Test
  void shouldGiveLatencyPercentilesWithinNinePercent() throws Exception {
    for (int i = 1; i <= 100; i++) {
      stats.record(verdict(NOW.minusSeconds(1), "NOT_ATTRIBUTED", "NOT_ATTRIBUTED", 10L * i));
    }

    JsonNode latency = window(stats.toJson(), "1m").get("latencyMs");

    assertThat(latency.get("p50").asLong()).isBetween(500L, 545L);
    assertThat(latency.get("p99").asLong()).isBetween(990L, 1080L);
    assertThat(
            window(new VerdictStats(InstantSource.fixed(NOW)).toJson(), "1m")
                .get("latencyMs")
                .get("p50")
                .isNull())
        .isTrue();
  }

  @Test
  void shouldGiveSixtyMinutePointsAndForgetWhatAgesOut() throws Exception {
    moving.record(verdict(NOW.minusSeconds(1), "ATTRIBUTED", "ATTRIBUTED", 100));
    moving.record(verdict(NOW.minus(Duration.ofMinutes(30)), "ATTRIBUTED", "ATTRIBUTED", 100));
    moving.record(verdict(NOW.plusSeconds(3600), "ATTRIBUTED", "ATTRIBUTED", 100));

    JsonNode points = moving.toJson().get("perMinute");
    assertThat(points).hasSize(60);
    assertThat(points.get(59).get("start").asText()).isEqualTo("2026-12-02T08:00:00Z");
    assertThat(points.get(59).get("verdicts").asLong()).as("now, and the future one").isEqualTo(2);
    assertThat(points.get(29).get("verdicts").asLong()).isEqualTo(1);

    now.set(NOW.plus(Duration.ofMinutes(45)));
    assertThat(window(moving.toJson(), "1h").get("verdicts").asLong()).isEqualTo(2);
    now.set(NOW.plus(Duration.ofMinutes(65)));
    assertThat(window(moving.toJson(), "1h").get("verdicts").asLong()).isZero();
  }

  @Test
  void shouldBucketLatenciesEightPerDoubling() {
    assertThat(LatencyHistogram.index(0)).isZero();
    assertThat(LatencyHistogram.upperEdge(LatencyHistogram.index(1000))).isBetween(1000L, 1090L);
    assertThat(LatencyHistogram.index(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
  }
}
