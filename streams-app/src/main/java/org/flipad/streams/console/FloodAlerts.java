package org.flipad.streams.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flipad.schema.Alert;
import org.flipad.schema.AlertKind;
import org.flipad.schema.FloodEpisode;

/**
 * The recent FLOOD alerts, for the alerts page and the live feed's banner. Keeps the newest {@link
 * #KEPT} by the time they were raised; other kinds of alert are ignored.
 */
final class FloodAlerts {

  /** FLOOD alerts kept; older ones drop out. */
  static final int KEPT = 200;

  /** How recent an alert must be for the live feed to show its banner. */
  static final Duration BANNER_SPAN = Duration.ofHours(1);

  /** Keys the topology gives FLOOD alerts; the tail skips other records without decoding them. */
  static final String KEY_PREFIX = "flood/";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  // By alertId, so that a record read twice (a tail restarted over the same span) shows once.
  private final Map<String, Alert> alerts = new LinkedHashMap<>();

  /** Keeps {@code alert} if it is a FLOOD alert with its episode. */
  synchronized void add(Alert alert) {
    if (alert.getKind() != AlertKind.FLOOD || alert.getFlood() == null) {
      return;
    }
    alerts.put(alert.getAlertId(), alert);
    if (alerts.size() > KEPT) {
      alerts.values().stream()
          .min(Comparator.comparing(Alert::getRaisedAt))
          .ifPresent(oldest -> alerts.remove(oldest.getAlertId()));
    }
  }

  /**
   * The alerts newest first, and how many were raised within {@link #BANNER_SPAN} of {@code now}.
   *
   * <pre>
   * {"lastHour": 1, "alerts": [{"modelId": "...", "tenant": "...", "modelVersion": 1,
   *   "raisedAt": "...", "windowStart": "...", "windowMs": 60000, "count": 40,
   *   "baselinePerWindow": 2.5, "baselineWindows": 60, "multiple": 5.0, "minCount": 20}]}
   * </pre>
   */
  synchronized JsonNode toJson(Instant now) {
    List<Alert> newestFirst = new ArrayList<>(alerts.values());
    newestFirst.sort(Comparator.comparing(Alert::getRaisedAt).reversed());
    Instant bannerFrom = now.minus(BANNER_SPAN);
    ArrayNode rows = NODES.arrayNode();
    int lastHour = 0;
    for (Alert alert : newestFirst) {
      if (!alert.getRaisedAt().isBefore(bannerFrom)) {
        lastHour++;
      }
      rows.add(row(alert));
    }
    ObjectNode body = NODES.objectNode();
    body.put("lastHour", lastHour);
    body.set("alerts", rows);
    return body;
  }

  private static ObjectNode row(Alert alert) {
    FloodEpisode flood = alert.getFlood();
    ObjectNode row = NODES.objectNode();
    row.put("alertId", alert.getAlertId());
    row.put("modelId", alert.getModelId());
    row.put("tenant", alert.getTenant());
    row.put("modelVersion", alert.getModelVersion());
    row.put("raisedAt", alert.getRaisedAt().toString());
    row.put("windowStart", flood.getWindowStart().toString());
    row.put("windowMs", flood.getWindowMs());
    row.put("count", flood.getCount());
    row.put("baselinePerWindow", flood.getBaselinePerWindow());
    row.put("baselineWindows", flood.getBaselineWindows());
    row.put("multiple", flood.getMultiple());
    row.put("minCount", flood.getMinCount());
    return row;
  }
}
