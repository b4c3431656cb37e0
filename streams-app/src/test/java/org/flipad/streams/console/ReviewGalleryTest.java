package org.flipad.streams.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flipad.schema.Alert;
import org.flipad.schema.AlertKind;
import org.flipad.schema.Feedback;
import org.flipad.schema.FeedbackLabel;
import org.junit.jupiter.api.Test;

class ReviewGalleryTest {

  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  @Test
  void shouldListEachModelsAttributionsNewestFirstWithTheirReviews() {
    ReviewGallery gallery = new ReviewGallery();
    FeedbackLedger ledger = new FeedbackLedger();
    gallery.add(attribution("a-2", "model-a", 2));
    gallery.add(attribution("b-1", "model-b", 1));
    gallery.add(attribution("a-1", "model-a", 0)); // read later, raised earlier
    gallery.add(
        Alert.newBuilder(attribution("flood", "model-a", 3)).setKind(AlertKind.FLOOD).build());
    ledger.add(review("a-1"));

    ObjectNode all = gallery.toJson("model-a", ledger, false);
    assertThat(ids(all)).containsExactly("a-2", "a-1");
    assertThat(all.get("items").get(1).get("reviews").asInt()).isEqualTo(1);
    assertThat(all.get("items").get(0).get("reviews").asInt()).isZero();
    assertThat(all.get("items").get(0).get("score").asDouble()).isEqualTo(0.25);
    assertThat(all.get("items").get(0).get("flaggedAt").asText()).isEqualTo("2026-12-02T12:00:02Z");
    assertThat(ids(gallery.toJson("model-a", ledger, true))).containsExactly("a-2");
    assertThat(ids(gallery.toJson("model-b", ledger, false))).containsExactly("b-1");
    assertThat(ids(gallery.toJson("unknown", ledger, false))).isEmpty();
  }

  @Test
  void shouldKeepOnlyTheLatestPerModel() {
    ReviewGallery gallery = new ReviewGallery();
    for (int i = 0; i < ReviewGallery.PER_MODEL + 5; i++) {
      gallery.add(attribution("u-" + i, "model-a", i));
    }
    List<String> ids = ids(gallery.toJson("model-a", new FeedbackLedger(), false));
    assertThat(ids).hasSize(ReviewGallery.PER_MODEL);
    assertThat(ids.get(0)).isEqualTo("u-" + (ReviewGallery.PER_MODEL + 4));
    assertThat(ids).doesNotContain("u-0", "u-4").contains("u-5");
  }

  private static List<String> ids(JsonNode gallery) {
    List<String> ids = new ArrayList<>();
    gallery.get("items").forEach(item -> ids.add(item.get("uploadId").asText()));
    return ids;
  }

  private static Alert attribution(String uploadId, String modelId, int second) {
    return Alert.newBuilder()
        .setAlertId("alert-" + uploadId)
        .setUploadId(uploadId)
        .setTenant("shop")
        .setImageSha256("ab".repeat(32))
        .setModelId(modelId)
        .setModelVersion(2)
        .setScore(0.25)
        .setThreshold(0.5)
        .setRaisedAt(NOW.plusSeconds(second))
        .setKind(AlertKind.ATTRIBUTION)
        .build();
  }

  private static Feedback review(String uploadId) {
    return Feedback.newBuilder()
        .setUploadId(uploadId)
        .setVerdictId("v-" + uploadId)
        .setLabel(FeedbackLabel.NOT_GENERATED)
        .setModelId(null)
        .setReviewer("rita")
        .setReviewedAt(NOW)
        .setNote("a real photo")
        .build();
  }
}
