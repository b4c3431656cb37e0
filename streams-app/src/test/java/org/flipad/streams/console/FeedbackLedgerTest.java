package org.flipad.streams.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.flipad.schema.Feedback;
import org.flipad.schema.FeedbackLabel;
import org.junit.jupiter.api.Test;

class FeedbackLedgerTest {

  @Test
  void aReviewReadBackFromTheTopicIsFiledOnceAndAnotherReviewIsKept() {
    FeedbackLedger ledger = new FeedbackLedger();
    Feedback overturn = review("A real photo", Instant.parse("2026-12-02T08:00:00Z"));

    ledger.add(overturn); // written by this console
    ledger.add(Feedback.newBuilder(overturn).build()); // the same record, read back
    ledger.add(review("Second look", Instant.parse("2026-12-02T08:05:00Z")));

    assertThat(ledger.of("upload-1")).hasSize(2);
    assertThat(ledger.of("upload-1").get(0).get("note").asText()).isEqualTo("A real photo");
    assertThat(ledger.of("other")).isEmpty();
  }

  private static Feedback review(String note, Instant at) {
    return Feedback.newBuilder()
        .setUploadId("upload-1")
        .setVerdictId("v-1")
        .setLabel(FeedbackLabel.NOT_GENERATED)
        .setModelId(null)
        .setReviewer("rita")
        .setReviewedAt(at)
        .setNote(note)
        .build();
  }
}
