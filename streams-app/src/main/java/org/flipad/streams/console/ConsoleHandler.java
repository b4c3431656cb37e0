package org.flipad.streams.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.flipad.core.data.EncodedImageFormat;
import org.flipad.schema.Feedback;
import org.flipad.streams.api.ApiProblem;
import org.flipad.streams.lookup.Located;
import org.flipad.streams.lookup.UploadOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every request under {@value #BASE}: the pages and their scripts, and the JSON and
 * event-stream endpoints the scripts call. Pages and data need a logged-in session (pages redirect
 * to the log-in page, data answers 401); feedback needs the reviewer role; every POST needs the
 * session's CSRF token in {@value #CSRF_HEADER} and a JSON body.
 */
final class ConsoleHandler implements HttpHandler {

  static final String BASE = "/console";
  static final String COOKIE = "flipad_console";
  static final String CSRF_HEADER = "X-CSRF-Token";

  /** Pages may load scripts, styles and images from the console only; nothing may frame them. */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src"
          + " 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 16 * 1024;
  private static final int MAX_UPLOAD_ID_BYTES = 512;
  private static final Map<String, String> STATIC =
      Map.of(
          "console.css", "text/css; charset=utf-8",
          "console.js", "text/javascript; charset=utf-8",
          "login.js", "text/javascript; charset=utf-8",
          "feed.js", "text/javascript; charset=utf-8",
          "upload.js", "text/javascript; charset=utf-8",
          "stats.js", "text/javascript; charset=utf-8",
          "alerts.js", "text/javascript; charset=utf-8",
          "models.js", "text/javascript; charset=utf-8",
          "gallery.js", "text/javascript; charset=utf-8");
  // Checked when an unknown name logs in, so that a wrong name takes as long as a wrong password.
  private static final PasswordHash DECOY = PasswordHash.of("decoy");

  private final ConsoleSettings settings;
  private final Sessions sessions;
  private final ConsoleSources sources;
  private final VerdictFeed feed;
  private final ReviewGallery gallery;
  private final FeedbackLedger ledger;
  private final FeedbackPublisher publisher;
  private final FloodAlerts floods;
  private final TrainingJobs jobs;
  private final InstantSource clock;

  ConsoleHandler(
      ConsoleSettings settings,
      Sessions sessions,
      ConsoleSources sources,
      VerdictFeed feed,
      ReviewGallery gallery,
      FeedbackLedger ledger,
      FeedbackPublisher publisher,
      FloodAlerts floods,
      TrainingJobs jobs,
      InstantSource clock) {
    this.settings = settings;
    this.sessions = sessions;
    this.sources = sources;
    this.feed = feed;
    this.gallery = gallery;
    this.ledger = ledger;
    this.publisher = publisher;
    this.floods = floods;
    this.jobs = jobs;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    boolean streaming = false;
    try {
      streaming = route(exchange);
    } catch (RuntimeException e) {
      LOG.warn(
          "Console request {} {} failed",
          exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(),
          e);
      problem(exchange, 500, "INTERNAL_ERROR", "The request failed inside the service: " + e);
    } finally {
      if (!streaming) {
        exchange.close();
      }
    }
  }

  /** Answers one request; true when it became an event stream that stays open. */
  private boolean route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    Optional<Session> session = sessions.find(cookie(exchange.getRequestHeaders()));
    if (path.startsWith(BASE + "/static/") && method.equals("GET")) {
      staticFile(exchange, path.substring((BASE + "/static/").length()));
      return false;
    }
    switch (method + " " + path) {
      case "GET /console", "GET /console/" -> page(exchange, session, "index.html");
      case "GET /console/upload" -> page(exchange, session, "upload.html");
      case "GET /console/stats" -> page(exchange, session, "stats.html");
      case "GET /console/alerts" -> page(exchange, session, "alerts.html");
      case "GET /console/models" -> page(exchange, session, "models.html");
      case "GET /console/gallery" -> page(exchange, session, "gallery.html");
      case "GET /console/login" -> {
        if (session.filter(Session::authenticated).isPresent()) {
          redirect(exchange, BASE + "/");
        } else {
          resource(exchange, "login.html", "text/html; charset=utf-8");
        }
      }
      case "GET /console/api/session" -> sessionInfo(exchange, session);
      case "POST /console/api/login" -> logIn(exchange, session);
      case "POST /console/api/logout" -> logOut(exchange, session);
      case "GET /console/api/feed" -> {
        return stream(exchange, session);
      }
      case "GET /console/api/upload" -> upload(exchange, session);
      case "GET /console/api/image" -> image(exchange, session);
      case "GET /console/api/models" -> {
        if (loggedIn(exchange, session)) {
          json(exchange, 200, sources.models().models(), Map.of());
        }
      }
      case "GET /console/api/stats" -> stats(exchange, session);
      case "GET /console/api/gallery" -> gallery(exchange, session);
      case "GET /console/api/alerts" -> {
        if (loggedIn(exchange, session)) {
          json(exchange, 200, floods.toJson(clock.instant()), Map.of());
        }
      }
      case "GET /console/api/training" -> {
        if (loggedIn(exchange, session)) {
          json(exchange, 200, jobs.toJson(), Map.of());
        }
      }
      case "POST /console/api/feedback" -> feedback(exchange, session);
      default -> {
        boolean wrongMethod =
            path.startsWith(BASE + "/api/") && !method.equals("GET") && !method.equals("POST");
        problem(
            exchange,
            wrongMethod ? 405 : 404,
            "NO_SUCH_PAGE",
            method
                + " "
                + path
                + " is not part of the console; open "
                + BASE
                + "/ (the live feed) or "
                + BASE
                + "/login");
      }
    }
    return false;
  }

  private void page(HttpExchange exchange, Optional<Session> session, String name)
      throws IOException {
    if (session.filter(Session::authenticated).isEmpty()) {
      redirect(exchange, BASE + "/login");
      return;
    }
    resource(exchange, name, "text/html; charset=utf-8");
  }

  private void staticFile(HttpExchange exchange, String name) throws IOException {
    String type = STATIC.get(name);
    if (type == null) {
      problem(exchange, 404, "NO_SUCH_FILE", "No console file '" + name + "'");
      return;
    }
    resource(exchange, name, type);
  }

  private void sessionInfo(HttpExchange exchange, Optional<Session> found) throws IOException {
    Session session = found.orElseGet(sessions::open);
    Map<String, String> headers =
        found.isPresent() ? Map.of() : Map.of("Set-Cookie", cookieFor(exchange, session));
    json(exchange, 200, describe(session), headers);
  }

  private void logIn(HttpExchange exchange, Optional<Session> found) throws IOException {
    Optional<Session> session = checkedPost(exchange, found, false);
    if (session.isEmpty()) {
      return;
    }
    JsonNode body = body(exchange);
    if (body == null) {
      return;
    }
    String name = body.path("user").asText("");
    String password = body.path("password").asText("");
    Optional<ConsoleUser> user = settings.user(name);
    boolean matches = user.map(u -> u.password().matches(password)).orElse(false);
    if (user.isEmpty()) {
      DECOY.matches(password);
    }
    if (!matches) {
      LOG.info("Console log-in refused for '{}'", name.replaceAll("[^A-Za-z0-9._@-]", "?"));
      problem(
          exchange, 401, "WRONG_CREDENTIALS", "Wrong user name or password; check both and retry");
      return;
    }
    Session loggedIn = sessions.logIn(session.get(), user.get());
    LOG.info("Console log-in of {} ({})", name, user.get().role().label());
    json(exchange, 200, describe(loggedIn), Map.of("Set-Cookie", cookieFor(exchange, loggedIn)));
  }

  private void logOut(HttpExchange exchange, Optional<Session> found) throws IOException {
    Optional<Session> session = checkedPost(exchange, found, true);
    if (session.isEmpty()) {
      return;
    }
    sessions.end(session.get());
    exchange.getResponseHeaders().set("Set-Cookie", COOKIE + "=; Path=" + BASE + "; Max-Age=0");
    send(exchange, 204, "application/json", new byte[0], Map.of());
  }

  private boolean stream(HttpExchange exchange, Optional<Session> session) throws IOException {
    if (!loggedIn(exchange, session)) {
      return false;
    }
    FeedFilter filter;
    try {
      filter = FeedFilter.of(query(exchange), clock.instant());
    } catch (IllegalArgumentException e) {
      problem(exchange, 400, "BAD_FILTER", e.getMessage());
      return false;
    }
    Headers headers = exchange.getResponseHeaders();
    securityHeaders(headers);
    headers.set("Content-Type", "text/event-stream; charset=utf-8");
    headers.set("X-Accel-Buffering", "no");
    // The subscriber's thread sends the headers, so a refusal below can still be a 503.
    FeedSubscriber subscriber =
        new FeedSubscriber(
            filter,
            () -> {
              exchange.sendResponseHeaders(200, 0);
              return exchange.getResponseBody();
            },
            () -> sessions.live(session.get().id()),
            exchange::close);
    if (!feed.subscribe(subscriber)) {
      headers.set("Content-Type", "application/json");
      problem(
          exchange,
          503,
          "TOO_MANY_STREAMS",
          "Too many live feeds are open on this instance; close some console tabs and retry");
      return false;
    }
    return true;
  }

  private void upload(HttpExchange exchange, Optional<Session> session) throws IOException {
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

  private void image(HttpExchange exchange, Optional<Session> session) throws IOException {
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

  private void gallery(HttpExchange exchange, Optional<Session> session) throws IOException {
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
          "Give model= the id of a watched model (GET " + BASE + "/api/models lists them)");
      return;
    }
    boolean unreviewed = "true".equals(query.get("unreviewed"));
    json(exchange, 200, gallery.toJson(model, ledger, unreviewed), Map.of());
  }

  private void stats(HttpExchange exchange, Optional<Session> session) throws IOException {
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

  private void feedback(HttpExchange exchange, Optional<Session> found) throws IOException {
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

  /**
   * The session of a POST that carries its CSRF token, comes from this origin (when the browser
   * says) and has a JSON body; answers the refusal and returns empty otherwise.
   */
  private Optional<Session> checkedPost(
      HttpExchange exchange, Optional<Session> session, boolean mustBeLoggedIn) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    String origin = headers.getFirst("Origin");
    String host = headers.getFirst("Host");
    if (origin != null && (host == null || !origin.replaceFirst("^https?://", "").equals(host))) {
      problem(
          exchange,
          403,
          "CROSS_ORIGIN",
          "The request comes from " + origin + ", not from this console; use the console's page");
      return Optional.empty();
    }
    if (session.isEmpty()) {
      problem(
          exchange,
          401,
          "SESSION_REQUIRED",
          "No session; open " + BASE + "/login, which starts one, and log in");
      return Optional.empty();
    }
    if (!Sessions.csrfMatches(session.get(), headers.getFirst(CSRF_HEADER))) {
      problem(
          exchange,
          403,
          "CSRF_TOKEN_INVALID",
          "The request lacks this session's CSRF token in "
              + CSRF_HEADER
              + "; reload the page and retry");
      return Optional.empty();
    }
    if (mustBeLoggedIn && !session.get().authenticated()) {
      problem(exchange, 401, "LOGIN_REQUIRED", "Log in first: " + BASE + "/login");
      return Optional.empty();
    }
    String type = headers.getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      problem(exchange, 415, "JSON_REQUIRED", "Send the request body as application/json");
      return Optional.empty();
    }
    return session;
  }

  private boolean loggedIn(HttpExchange exchange, Optional<Session> session) throws IOException {
    if (session.filter(Session::authenticated).isPresent()) {
      return true;
    }
    problem(
        exchange,
        401,
        "LOGIN_REQUIRED",
        "Log in to the console first (" + BASE + "/login); images and data are for users only");
    return false;
  }

  private String uploadId(HttpExchange exchange) throws IOException {
    String id = query(exchange).getOrDefault("id", "");
    if (id.isBlank()
        || id.getBytes(StandardCharsets.UTF_8).length > MAX_UPLOAD_ID_BYTES
        || id.chars().anyMatch(Character::isISOControl)) {
      problem(
          exchange,
          400,
          "MALFORMED_UPLOAD_ID",
          "Give id= an upload id: not blank, no control characters, at most "
              + MAX_UPLOAD_ID_BYTES
              + " bytes");
      return null;
    }
    return id;
  }

  private void notHere(HttpExchange exchange, Located<?> located) throws IOException {
    if (located instanceof Located.Elsewhere<?> elsewhere) {
      problem(
          exchange,
          503,
          "HELD_BY_ANOTHER_INSTANCE",
          "Instance "
              + elsewhere.owner().host()
              + ":"
              + elsewhere.owner().port()
              + " holds this key; open the console there (the console answers from its own"
              + " instance's partitions)");
      return;
    }
    problem(
        exchange,
        503,
        "STORE_UNAVAILABLE",
        "Not answerable now: " + ((Located.Unavailable<?>) located).reason() + ". Retry.");
  }

  private JsonNode body(HttpExchange exchange) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      problem(exchange, 413, "BODY_TOO_LARGE", "Bodies are at most " + MAX_BODY + " bytes");
      return null;
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // Answered below, as any body that is not one JSON object.
    }
    problem(exchange, 400, "MALFORMED_JSON", "The body is not a JSON object");
    return null;
  }

  private static ObjectNode describe(Session session) {
    ObjectNode body = JSON.createObjectNode();
    body.put("user", session.authenticated() ? session.user().name() : null);
    body.put("role", session.authenticated() ? session.user().role().label() : null);
    body.put("csrfToken", session.csrfToken());
    return body;
  }

  private static String cookieFor(HttpExchange exchange, Session session) {
    // Behind a TLS-terminating proxy the browser talks HTTPS: then the cookie never goes out in
    // clear.
    boolean https =
        "https".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto"));
    return COOKIE
        + "="
        + session.id()
        + "; Path="
        + BASE
        + "; HttpOnly; SameSite=Strict"
        + (https ? "; Secure" : "");
  }

  static String cookie(Headers headers) {
    for (String header : headers.getOrDefault("Cookie", java.util.List.of())) {
      for (String part : header.split(";")) {
        String trimmed = part.trim();
        if (trimmed.startsWith(COOKIE + "=")) {
          return trimmed.substring(COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> values = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        values.putIfAbsent(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // A bad %XX escape: the parameter is left out, and its absence is reported where needed.
      }
    }
    return values;
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    send(exchange, 303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
  }

  private static void resource(HttpExchange exchange, String name, String type) throws IOException {
    try (InputStream in = ConsoleHandler.class.getResourceAsStream(BASE + "/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Console file " + name + " is missing from the classpath");
      }
      send(exchange, 200, type, in.readAllBytes(), Map.of());
    }
  }

  private static void json(
      HttpExchange exchange, int status, JsonNode body, Map<String, String> headers)
      throws IOException {
    send(exchange, status, "application/json", JSON.writeValueAsBytes(body), headers);
  }

  private static void problem(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    json(exchange, status, new ApiProblem(status, code, message).toJson(), Map.of());
  }

  static void securityHeaders(Headers headers) {
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Content-Security-Policy", CSP);
  }

  private static void send(
      HttpExchange exchange, int status, String type, byte[] body, Map<String, String> headers)
      throws IOException {
    Headers out = exchange.getResponseHeaders();
    securityHeaders(out);
    out.set("Content-Type", type);
    headers.forEach(out::set);
    if (body.length == 0) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(body);
    }
  }
}
