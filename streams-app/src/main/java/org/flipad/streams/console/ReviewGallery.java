package org.flipad.streams.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flipad.schema.Alert;
import org.flipad.schema.AlertKind;

/**
 * The uploads attributed to each watched model, newest first, for reviewers to go through: the last
 * {@link #PER_MODEL} per model among the attribution alerts the console has read (one per flagged
 * upload, from {@code flipad.alerts}, a week back when it starts), each with how many reviews it
 * has (from {@link FeedbackLedger}), so a reviewer can show only those nobody has looked at yet.
 * Thread-safe.
 */
final class ReviewGallery {

  /** Attributed uploads kept per model. */
  static final int PER_MODEL = 300;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One attributed upload, as the gallery lists it. */
  private record Item(
      String uploadId,
      String imageSha256,
      String tenant,
      Instant flaggedAt,
      int modelVersion,
      double score,
      double threshold) {}

  private final Map<String, Deque<Item>> byModel = new HashMap<>();

  /** Files an ATTRIBUTION alert (one flagged upload) under its model; other kinds are ignored. */
  synchronized void add(Alert alert) {
    if (alert.getKind() != AlertKind.ATTRIBUTION || alert.getModelId() == null) {
      return;
    }
    Deque<Item> items = byModel.computeIfAbsent(alert.getModelId(), id -> new ArrayDeque<>());
    items.addFirst(
        new Item(
            alert.getUploadId(),
            alert.getImageSha256(),
            alert.getTenant(),
            alert.getRaisedAt(),
            alert.getModelVersion(),
            alert.getScore() == null ? Double.NaN : alert.getScore(),
            alert.getThreshold() == null ? Double.NaN : alert.getThreshold()));
    if (items.size() > PER_MODEL) {
      items.removeLast();
    }
  }

  /**
   * The gallery of {@code modelId} as JSON: {@code {model, items: [...]}}, newest first.
   *
   * @param unreviewedOnly leave out uploads that have any review
   */
  synchronized ObjectNode toJson(String modelId, FeedbackLedger ledger, boolean unreviewedOnly) {
    ObjectNode body = NODES.objectNode();
    body.put("model", modelId);
    body.put("kept", PER_MODEL);
    ArrayNode list = body.putArray("items");
    // Alerts arrive partition by partition, not in time order: the list is sorted when asked.
    List<Item> items = new ArrayList<>(byModel.getOrDefault(modelId, new ArrayDeque<>()));
    items.sort(
        Comparator.comparing(
                Item::flaggedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .reversed());
    for (Item item : items) {
      int reviews = ledger.of(item.uploadId()).size();
      if (unreviewedOnly && reviews > 0) {
        continue;
      }
      ObjectNode row = list.addObject();
      row.put("uploadId", item.uploadId());
      row.put("imageSha256", item.imageSha256());
      row.put("tenant", item.tenant());
      row.put("flaggedAt", item.flaggedAt() == null ? null : item.flaggedAt().toString());
      row.put("modelVersion", item.modelVersion());
      putFinite(row, "score", item.score());
      putFinite(row, "threshold", item.threshold());
      row.put("reviews", reviews);
    }
    return body;
  }

  private static void putFinite(ObjectNode row, String field, double value) {
    if (Double.isFinite(value)) {
      row.put(field, value);
    } else {
      row.putNull(field);
    }
  }
}
