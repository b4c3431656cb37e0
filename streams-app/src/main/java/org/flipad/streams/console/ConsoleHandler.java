package org.flipad.streams.console;

import static org.flipad.streams.console.ConsoleHttp.cookie;
import static org.flipad.streams.console.ConsoleHttp.json;
import static org.flipad.streams.console.ConsoleHttp.loggedIn;
import static org.flipad.streams.console.ConsoleHttp.problem;
import static org.flipad.streams.console.ConsoleHttp.query;
import static org.flipad.streams.console.ConsoleHttp.redirect;
import static org.flipad.streams.console.ConsoleHttp.resource;
import static org.flipad.streams.console.ConsoleHttp.securityHeaders;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every request under {@value #BASE}: the pages and their scripts, and the JSON and
 * event-stream endpoints the scripts call. Pages and data need a logged-in session (pages redirect
 * to the log-in page, data answers 401); feedback needs the reviewer role; every POST needs the
 * session's CSRF token in {@value #CSRF_HEADER} and a JSON body. Log-ins are {@link LogIns}' part,
 * feedback {@link ReviewRecorder}'s and the lookups of uploads, images, the gallery and the
 * statistics {@link ConsoleLookups}'.
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
  static final int MAX_BODY = 16 * 1024;
  static final int MAX_UPLOAD_ID_BYTES = 512;
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

  private final ConsoleSettings settings;
  private final Sessions sessions;
  private final ConsoleSources sources;
  private final VerdictFeed feed;
  private final FeedbackLedger ledger;
  private final FloodAlerts floods;
  private final TrainingJobs jobs;
  private final InstantSource clock;
  private final ReviewRecorder reviews;
  private final LogIns logIns;
  private final ConsoleLookups lookups;

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
    this.ledger = ledger;
    this.floods = floods;
    this.jobs = jobs;
    this.clock = clock;
    this.reviews = new ReviewRecorder(sources, ledger, publisher, clock);
    this.logIns = new LogIns(settings, sessions);
    this.lookups = new ConsoleLookups(sources, gallery, ledger);
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
          ConsoleHttp.page(exchange, "login.html");
        }
      }
      case "GET /console/api/session" -> logIns.describe(exchange, session);
      case "POST /console/api/login" -> logIns.logIn(exchange, session);
      case "POST /console/api/logout" -> logIns.logOut(exchange, session);
      case "GET /console/api/feed" -> {
        return stream(exchange, session);
      }
      case "GET /console/api/upload" -> lookups.upload(exchange, session);
      case "GET /console/api/image" -> lookups.image(exchange, session);
      case "GET /console/api/models" -> {
        if (loggedIn(exchange, session)) {
          json(exchange, 200, sources.models().models(), Map.of());
        }
      }
      case "GET /console/api/stats" -> lookups.stats(exchange, session);
      case "GET /console/api/gallery" -> lookups.gallery(exchange, session);
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
      case "POST /console/api/feedback" -> reviews.record(exchange, session);
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
    ConsoleHttp.page(exchange, name);
  }

  private void staticFile(HttpExchange exchange, String name) throws IOException {
    String type = STATIC.get(name);
    if (type == null) {
      problem(exchange, 404, "NO_SUCH_FILE", "No console file '" + name + "'");
      return;
    }
    resource(exchange, name, type);
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
}
