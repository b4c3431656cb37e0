package org.flipad.streams.console;

import static org.flipad.streams.console.ConsoleHttp.json;
import static org.flipad.streams.console.ConsoleHttp.loggedIn;
import static org.flipad.streams.console.ConsoleHttp.notHere;
import static org.flipad.streams.console.ConsoleHttp.problem;
import static org.flipad.streams.console.ConsoleHttp.query;
import static org.flipad.streams.console.ConsoleHttp.send;
import static org.flipad.streams.console.ConsoleHttp.uploadId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.flipad.core.data.EncodedImageFormat;
import org.flipad.streams.lookup.Located;
import org.flipad.streams.lookup.UploadOutcome;

/**
 * The console's read-only data endpoints for a logged-in session: an upload's outcome with its
 * feedback, an archived image, a model's gallery and the verdict statistics. A lookup that belongs
 * to another instance's partitions is answered as {@link ConsoleHttp#notHere} says. Called by
 * {@link ConsoleHandler}.
 */
final class ConsoleLookups {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConsoleSources sources;
  private final ReviewGallery gallery;
  private final FeedbackLedger ledger;

  ConsoleLookups(ConsoleSources sources, ReviewGallery gallery, FeedbackLedger ledger) {
    this.sources = sources;
    this.gallery = gallery;
    this.ledger = ledger;
  }

  /** An upload's outcome with its feedback, and whether this session may review it. */
  void upload(HttpExchange exchange, Optional<Session> session) throws IOException {
    if (!loggedIn(exchange, session)) {
      return;
    }
    String id = uploadId(exchange);
    if (id == null) {
      return;
    }
    Located<UploadOutcome> located = sources.lookups().upload(id);
    if (located instanceof Located.Found<UploadOutcome> found) {
      ObjectNode body = found.value().toJson();
      body.set("feedback", JSON.valueToTree(ledger.of(id)));
      body.put("canReview", session.get().reviewer());
      json(exchange, 200, body, Map.of());
      return;
    }
    if (located instanceof Located.Missing) {
      problem(
          exchange,
          404,
          "UPLOAD_NOT_FOUND",
          "No verdict or dead letter for upload '"
              + id
              + "' on this instance; check the id (an upload still being screened has none yet)");
      return;
    }
    notHere(exchange, located);
  }

  /** An archived image by its sha256, in its own media type. */
  void image(HttpExchange exchange, Optional<Session> session) throws IOException {
    if (!loggedIn(exchange, session)) {
      return;
    }
    String sha256 = query(exchange).getOrDefault("sha256", "");
    if (!sha256.matches("[0-9a-f]{64}")) {
      problem(
          exchange,
          400,
          "MALFORMED_SHA256",
          "Give sha256= the 64 lowercase hex characters of a verdict's imageSha256");
      return;
    }
    Located<byte[]> located = sources.lookups().image(sha256);
    if (located instanceof Located.Found<byte[]> found) {
      String type = EncodedImageFormat.mediaTypeOf(found.value());
      send(exchange, 200, type, found.value(), Map.of());
      return;
    }
    if (located instanceof Located.Missing) {
      problem(
          exchange,
          404,
          "IMAGE_NOT_FOUND",
          "No archived image " + sha256 + " (images are kept 30 days, for screened uploads)");
      return;
    }
    notHere(exchange, located);
  }

  /** A watched model's gallery of attributed uploads, optionally the unreviewed ones only. */
  void gallery(HttpExchange exchange, Optional<Session> session) throws IOException {
    if (!loggedIn(exchange, session)) {
      return;
    }
    Map<String, String> query = query(exchange);
    String model = query.getOrDefault("model", "").trim();
    if (model.isEmpty()) {
      problem(
          exchange,
          400,
          "NO_MODEL",
          "Give model= the id of a watched model (GET "
              + ConsoleHandler.BASE
              + "/api/models lists them)");
      return;
    }
    boolean unreviewed = "true".equals(query.get("unreviewed"));
    json(exchange, 200, gallery.toJson(model, ledger, unreviewed), Map.of());
  }

  /** The verdict statistics, when this instance keeps them. */
  void stats(HttpExchange exchange, Optional<Session> session) throws IOException {
    if (!loggedIn(exchange, session)) {
      return;
    }
    JsonNode stats = sources.stats().stats();
    if (stats == null) {
      problem(exchange, 404, "NO_STATS", "This instance keeps no verdict statistics");
      return;
    }
    json(exchange, 200, stats, Map.of());
  }
}
