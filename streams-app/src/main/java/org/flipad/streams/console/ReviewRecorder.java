package org.flipad.streams.console;

import static org.flipad.streams.console.ConsoleHttp.body;
import static org.flipad.streams.console.ConsoleHttp.checkedPost;
import static org.flipad.streams.console.ConsoleHttp.json;
import static org.flipad.streams.console.ConsoleHttp.notHere;
import static org.flipad.streams.console.ConsoleHttp.problem;
import static org.flipad.streams.console.ConsoleHttp.uploadId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.flipad.schema.Feedback;
import org.flipad.streams.lookup.Located;
import org.flipad.streams.lookup.UploadOutcome;

/**
 * A reviewer's confirm or overturn: checks the request and the reviewer role, builds the {@code
 * Feedback} record from the verdict the service holds ({@link FeedbackForm}), writes it to {@code
 * flipad.feedback} and answers only once Kafka has it.
 */
final class ReviewRecorder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConsoleSources sources;
  private final FeedbackLedger ledger;
  private final FeedbackPublisher publisher;
  private final InstantSource clock;

  ReviewRecorder(
      ConsoleSources sources,
      FeedbackLedger ledger,
      FeedbackPublisher publisher,
      InstantSource clock) {
    this.sources = sources;
    this.ledger = ledger;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** Answers {@code POST /console/api/feedback} for the session {@code found}, if any. */
  void record(HttpExchange exchange, Optional<Session> found) throws IOException {
    Optional<Session> session = checkedPost(exchange, found, true);
    if (session.isEmpty()) {
      return;
    }
    if (!session.get().reviewer()) {
      problem(
          exchange,
          403,
          "REVIEWER_ROLE_REQUIRED",
          "Only reviewers can confirm or overturn verdicts; "
              + session.get().user().name()
              + " is a viewer");
      return;
    }
    String id = uploadId(exchange);
    JsonNode body = id == null ? null : body(exchange);
    if (body == null) {
      return;
    }
    Located<UploadOutcome> located = sources.lookups().upload(id);
    if (!(located instanceof Located.Found<UploadOutcome> outcome)) {
      if (located instanceof Located.Missing) {
        problem(exchange, 404, "UPLOAD_NOT_FOUND", "No upload '" + id + "' to review");
      } else {
        notHere(exchange, located);
      }
      return;
    }
    Feedback feedback;
    try {
      feedback =
          FeedbackForm.build(
              id, outcome.value().verdict(), body, session.get().user().name(), clock.instant());
    } catch (IllegalArgumentException e) {
      problem(exchange, 400, "BAD_FEEDBACK", e.getMessage());
      return;
    } catch (IllegalStateException e) {
      problem(exchange, 409, "NOTHING_TO_REVIEW", e.getMessage());
      return;
    }
    ReviewAction action = ReviewAction.valueOf(body.path("action").asText());
    RecordMetadata written;
    try {
      written = publisher.publish(feedback, action);
    } catch (IllegalStateException e) {
      problem(exchange, 503, "FEEDBACK_NOT_RECORDED", e.getMessage() + "; retry");
      return;
    }
    // The reviewer sees the review at once; the tail of the feedback topic brings the same record
    // (filed once) and other instances' reviews.
    ledger.add(feedback);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("recorded", true);
    answer.put("action", action.name());
    answer.put("label", feedback.getLabel().name());
    answer.put("modelId", feedback.getModelId());
    answer.put("reviewer", feedback.getReviewer());
    answer.put("topic", written.topic());
    answer.put("partition", written.partition());
    answer.put("offset", written.offset());
    json(exchange, 200, answer, Map.of());
  }
}
