package org.flipad.streams.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** What a bucket or a window holds: verdicts by decision, per model, and their latencies. */
final class Counts {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Per model: verdicts with a result for it, how many attributed to it, how many undecided. */
  private static final class ModelCounts {
    long verdicts;
    long attributed;
    long undecided;

    void addAll(ModelCounts other) {
      verdicts += other.verdicts;
      attributed += other.attributed;
      undecided += other.undecided;
    }
  }

  private long verdicts;
  private final Map<String, Long> decisions = new TreeMap<>();
  private final Map<String, ModelCounts> models = new TreeMap<>();
  private final LatencyHistogram latency = new LatencyHistogram();

  void add(JsonNode verdict) {
    verdicts++;
    decisions.merge(verdict.path("verdict").asText("UNDECIDED"), 1L, Long::sum);
    for (JsonNode model : verdict.path("models")) {
      ModelCounts counts =
          models.computeIfAbsent(model.path("modelId").asText(), id -> new ModelCounts());
      counts.verdicts++;
      String decision = model.path("decision").asText();
      if (decision.equals("ATTRIBUTED")) {
        counts.attributed++;
      } else if (decision.equals("UNDECIDED")) {
        counts.undecided++;
      }
    }
    JsonNode endToEnd = verdict.path("timings").path("endToEndMs");
    if (endToEnd.isNumber()) {
      latency.add(endToEnd.asLong());
    }
  }

  void addAll(Counts other) {
    verdicts += other.verdicts;
    other.decisions.forEach((decision, n) -> decisions.merge(decision, n, Long::sum));
    other.models.forEach(
        (id, counts) -> models.computeIfAbsent(id, k -> new ModelCounts()).addAll(counts));
    latency.addAll(other.latency);
  }

  /** These counts as JSON, with rates over {@code seconds}. */
  ObjectNode toJson(double seconds) {
    ObjectNode node = NODES.objectNode();
    node.put("seconds", seconds);
    node.put("verdicts", verdicts);
    node.put("verdictsPerSecond", verdicts / seconds);
    ObjectNode byDecision = node.putObject("decisions");
    for (String decision : new String[] {"ATTRIBUTED", "NOT_ATTRIBUTED", "UNDECIDED"}) {
      byDecision.put(decision, decisions.getOrDefault(decision, 0L));
    }
    ObjectNode latencyMs = node.putObject("latencyMs");
    putPercentile(latencyMs, "p50", latency.percentile(0.5));
    putPercentile(latencyMs, "p99", latency.percentile(0.99));
    ArrayNode perModel = node.putArray("models");
    models.forEach(
        (id, counts) -> {
          ObjectNode model = perModel.addObject();
          model.put("modelId", id);
          model.put("verdicts", counts.verdicts);
          model.put("attributed", counts.attributed);
          model.put("undecided", counts.undecided);
          model.put("attributionRate", (double) counts.attributed / counts.verdicts);
        });
    return node;
  }

  private static void putPercentile(ObjectNode node, String name, long millis) {
    if (millis < 0) {
      node.putNull(name);
    } else {
      node.put(name, millis);
    }
  }
}
