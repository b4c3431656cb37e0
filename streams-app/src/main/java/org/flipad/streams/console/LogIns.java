package org.flipad.streams.console;

import static org.flipad.streams.console.ConsoleHttp.body;
import static org.flipad.streams.console.ConsoleHttp.checkedPost;
import static org.flipad.streams.console.ConsoleHttp.cookieFor;
import static org.flipad.streams.console.ConsoleHttp.json;
import static org.flipad.streams.console.ConsoleHttp.problem;
import static org.flipad.streams.console.ConsoleHttp.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions seen from the browser: who is logged in, logging in (against hashed passwords) and out.
 */
final class LogIns {

  private static final Logger LOG = LoggerFactory.getLogger(LogIns.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  // Checked when an unknown name logs in, so that a wrong name takes as long as a wrong password.
  private static final PasswordHash DECOY = PasswordHash.of("decoy");

  private final ConsoleSettings settings;
  private final Sessions sessions;

  LogIns(ConsoleSettings settings, Sessions sessions) {
    this.settings = settings;
    this.sessions = sessions;
  }

  /** {@code GET /console/api/session}: who is logged in, and the CSRF token; starts a session. */
  void describe(HttpExchange exchange, Optional<Session> found) throws IOException {
    Session session = found.orElseGet(sessions::open);
    Map<String, String> headers =
        found.isPresent() ? Map.of() : Map.of("Set-Cookie", cookieFor(exchange, session));
    json(exchange, 200, describe(session), headers);
  }

  /** {@code POST /console/api/login}. */
  void logIn(HttpExchange exchange, Optional<Session> found) throws IOException {
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

  /** {@code POST /console/api/logout}. */
  void logOut(HttpExchange exchange, Optional<Session> found) throws IOException {
    Optional<Session> session = checkedPost(exchange, found, true);
    if (session.isEmpty()) {
      return;
    }
    sessions.end(session.get());
    exchange
        .getResponseHeaders()
        .set(
            "Set-Cookie", ConsoleHandler.COOKIE + "=; Path=" + ConsoleHandler.BASE + "; Max-Age=0");
    send(exchange, 204, "application/json", new byte[0], Map.of());
  }

  private static ObjectNode describe(Session session) {
    ObjectNode body = JSON.createObjectNode();
    body.put("user", session.authenticated() ? session.user().name() : null);
    body.put("role", session.authenticated() ? session.user().role().label() : null);
    body.put("csrfToken", session.csrfToken());
    return body;
  }
}
