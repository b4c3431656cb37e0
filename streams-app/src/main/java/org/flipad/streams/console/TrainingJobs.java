package org.flipad.streams.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flipad.schema.TrainingStatus;

/**
 * The latest status of each recent training job (control command), for the models page. Keeps the
 * {@link #KEPT} jobs updated last.
 */
final class TrainingJobs {

  /** Jobs kept; the ones updated longest ago drop out. */
  static final int KEPT = 50;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Map<String, TrainingStatus> latest = new HashMap<>();

  /** Records {@code status} unless its job already has a later one. */
  synchronized void add(TrainingStatus status) {
    TrainingStatus known = latest.get(status.getCommandId());
    if (known != null && known.getUpdatedAt().isAfter(status.getUpdatedAt())) {
      return;
    }
    latest.put(status.getCommandId(), status);
    if (latest.size() > KEPT) {
      latest.values().stream()
          .min(Comparator.comparing(TrainingStatus::getUpdatedAt))
          .ifPresent(oldest -> latest.remove(oldest.getCommandId()));
    }
  }

  /**
   * The jobs, updated last first.
   *
   * <pre>
   * {"jobs": [{"commandId": "...", "modelId": "...", "state": "RUNNING", "percent": 40.0,
   *   "reason": null, "modelVersion": null, "updatedAt": "..."}]}
   * </pre>
   */
  synchronized JsonNode toJson() {
    List<TrainingStatus> jobs = new ArrayList<>(latest.values());
    jobs.sort(Comparator.comparing(TrainingStatus::getUpdatedAt).reversed());
    ArrayNode rows = NODES.arrayNode();
    for (TrainingStatus job : jobs) {
      ObjectNode row = NODES.objectNode();
      row.put("commandId", job.getCommandId());
      row.put("modelId", job.getModelId());
      row.put("state", job.getState().name());
      row.put("percent", job.getPercent());
      row.put("reason", job.getReason());
      row.put("modelVersion", job.getModelVersion());
      row.put("updatedAt", job.getUpdatedAt().toString());
      rows.add(row);
    }
    ObjectNode body = NODES.objectNode();
    body.set("jobs", rows);
    return body;
  }
}
