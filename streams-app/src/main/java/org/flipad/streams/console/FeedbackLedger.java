package org.flipad.streams.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flipad.schema.Feedback;
import org.flipad.streams.serde.AvroJson;

/**
 * Earlier feedback per upload, as read from the feedback topic (from its beginning, so as far back
 * as its retention), for the upload page. Kept in memory and bounded: the most recently reviewed
 * {@link #MAX_UPLOADS} uploads, {@link #MAX_PER_UPLOAD} reviews each.
 */
final class FeedbackLedger {

  static final int MAX_UPLOADS = 100_000;
  static final int MAX_PER_UPLOAD = 20;

  private final Map<String, List<JsonNode>> byUpload =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<JsonNode>> eldest) {
          return size() > MAX_UPLOADS;
        }
      };

  /**
   * Files one feedback record; a record equal to one already filed (this console's own review, read
   * back from the topic) is filed once.
   */
  synchronized void add(Feedback feedback) {
    List<JsonNode> reviews =
        byUpload.computeIfAbsent(feedback.getUploadId(), id -> new ArrayList<>());
    JsonNode review = AvroJson.of(feedback);
    if (reviews.contains(review)) {
      return;
    }
    reviews.add(review);
    if (reviews.size() > MAX_PER_UPLOAD) {
      reviews.remove(0);
    }
  }

  /** The feedback on {@code uploadId}, oldest first. */
  synchronized List<JsonNode> of(String uploadId) {
    return List.copyOf(byUpload.getOrDefault(uploadId, List.of()));
  }
}
