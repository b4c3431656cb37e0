package org.flipad.streams.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.flipad.schema.Alert;
import org.flipad.schema.AlertKind;
import org.flipad.schema.FloodEpisode;
import org.junit.jupiter.api.Test;

class FloodAlertsTest {

  private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

  @Test
  void shouldListFloodAlertsNewestFirstAndCountTheLastHour() {
    FloodAlerts alerts = new FloodAlerts();
    alerts.add(flood("old", "shop", NOW.minusSeconds(7200)));
    alerts.add(flood("new", "market", NOW.minusSeconds(60)));
    alerts.add(attribution("upload-1"));

    JsonNode listing = alerts.toJson(NOW);

    assertThat(listing.get("lastHour").asInt()).isEqualTo(1);
    assertThat(listing.get("alerts")).hasSize(2);
    JsonNode newest = listing.get("alerts").get(0);
    assertThat(newest.get("alertId").asText()).isEqualTo("new");
    assertThat(newest.get("tenant").asText()).isEqualTo("market");
    assertThat(newest.get("modelId").asText()).isEqualTo("dcgan-seed1");
    assertThat(newest.get("count").asLong()).isEqualTo(12);
    assertThat(newest.get("baselinePerWindow").asDouble()).isEqualTo(1.5);
    assertThat(newest.get("multiple").asDouble()).isEqualTo(5.0);
    assertThat(newest.get("windowStart").asText()).isEqualTo("2026-12-02T07:58:00Z");
    assertThat(newest.get("raisedAt").asText()).isEqualTo("2026-12-02T07:59:00Z");
    assertThat(listing.get("alerts").get(1).get("alertId").asText()).isEqualTo("old");
  }

  @Test
  void shouldShowAnAlertReadTwiceOnce() {
    FloodAlerts alerts = new FloodAlerts();
    alerts.add(flood("same", "shop", NOW));
    alerts.add(flood("same", "shop", NOW));

    assertThat(alerts.toJson(NOW).get("alerts")).hasSize(1);
  }

  @Test
  void shouldDropTheOldestBeyondWhatItKeeps() {
    FloodAlerts alerts = new FloodAlerts();
    for (int i = 0; i <= FloodAlerts.KEPT; i++) {
      alerts.add(flood("alert-" + i, "shop", NOW.plusSeconds(i)));
    }

    JsonNode listed = alerts.toJson(NOW).get("alerts");
    assertThat(listed).hasSize(FloodAlerts.KEPT);
    assertThat(listed.get(FloodAlerts.KEPT - 1).get("alertId").asText()).isEqualTo("alert-1");
  }

  private static Alert flood(String id, String tenant, Instant raisedAt) {
    return Alert.newBuilder()
        .setAlertId(id)
        .setTenant(tenant)
        .setModelId("dcgan-seed1")
        .setModelVersion(1)
        .setRaisedAt(raisedAt)
        .setKind(AlertKind.FLOOD)
        .setFlood(
            FloodEpisode.newBuilder()
                .setWindowStart(raisedAt.minusSeconds(60))
                .setWindowMs(60_000)
                .setCount(12)
                .setBaselinePerWindow(1.5)
                .setBaselineWindows(60)
                .setMultiple(5.0)
                .setMinCount(10)
                .build())
        .build();
  }

  private static Alert attribution(String uploadId) {
    return Alert.newBuilder()
        .setAlertId("alert-" + uploadId)
        .setUploadId(uploadId)
        .setTenant("shop")
        .setModelId("dcgan-seed1")
        .setModelVersion(1)
        .setRaisedAt(NOW)
        .setKind(AlertKind.ATTRIBUTION)
        .build();
  }
}
