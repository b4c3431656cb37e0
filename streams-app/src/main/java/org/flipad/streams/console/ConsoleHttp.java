package org.flipad.streams.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.flipad.streams.api.ApiProblem;
import org.flipad.streams.lookup.Located;

/**
 * How the console reads requests and writes answers: query parameters, the session cookie, JSON
 * bodies, the checks every data call and state change passes (a logged-in session; for a POST the
 * CSRF token, the origin and a JSON body), and answers that always carry the security headers (CSP,
 * no framing, no caching). Stateless.
 */
final class ConsoleHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEAD_MARKER = "<!-- console-head -->";
  private static final String HEADER_MARKER = "<!-- console-header -->";
  private static final String HEAD_FRAGMENT = "head.fragment.html";
  private static final String HEADER_FRAGMENT = "header.fragment.html";

  private ConsoleHttp() {}

  /** The request body as one JSON object, or null once 413 or 400 is answered. */
  static JsonNode body(HttpExchange exchange) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(ConsoleHandler.MAX_BODY + 1);
    }
    if (bytes.length > ConsoleHandler.MAX_BODY) {
      problem(
          exchange,
          413,
          "BODY_TOO_LARGE",
          "Bodies are at most " + ConsoleHandler.MAX_BODY + " bytes");
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

  static String cookieFor(HttpExchange exchange, Session session) {
    // Behind a TLS-terminating proxy the browser talks HTTPS: then the cookie never goes out in
    // clear.
    boolean https =
        "https".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto"));
    return ConsoleHandler.COOKIE
        + "="
        + session.id()
        + "; Path="
        + ConsoleHandler.BASE
        + "; HttpOnly; SameSite=Strict"
        + (https ? "; Secure" : "");
  }

  static String cookie(Headers headers) {
    for (String header : headers.getOrDefault("Cookie", java.util.List.of())) {
      for (String part : header.split(";")) {
        String trimmed = part.trim();
        if (trimmed.startsWith(ConsoleHandler.COOKIE + "=")) {
          return trimmed.substring(ConsoleHandler.COOKIE.length() + 1);
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

  static void redirect(HttpExchange exchange, String location) throws IOException {
    send(exchange, 303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
  }

  static void resource(HttpExchange exchange, String name, String type) throws IOException {
    send(exchange, 200, type, bytes(name), Map.of());
  }

  /**
   * A page: its file with the head every page shares (character set, viewport, style sheet, the
   * shared script) and the header bar (navigation, who is logged in) put in at their markers, so
   * that each is written once.
   */
  static void page(HttpExchange exchange, String name) throws IOException {
    byte[] html = pageHtml(name).getBytes(StandardCharsets.UTF_8);
    send(exchange, 200, "text/html; charset=utf-8", html, Map.of());
  }

  /** The page {@code name} as served. */
  static String pageHtml(String name) throws IOException {
    return new String(bytes(name), StandardCharsets.UTF_8)
        .replace(HEAD_MARKER, text(HEAD_FRAGMENT))
        .replace(HEADER_MARKER, text(HEADER_FRAGMENT));
  }

  private static String text(String name) throws IOException {
    return new String(bytes(name), StandardCharsets.UTF_8).stripTrailing();
  }

  private static byte[] bytes(String name) throws IOException {
    try (InputStream in = ConsoleHttp.class.getResourceAsStream(ConsoleHandler.BASE + "/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Console file " + name + " is missing from the classpath");
      }
      return in.readAllBytes();
    }
  }

  static void json(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers)
      throws IOException {
    send(exchange, status, "application/json", JSON.writeValueAsBytes(body), headers);
  }

  static void problem(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    json(exchange, status, new ApiProblem(status, code, message).toJson(), Map.of());
  }

  static void securityHeaders(Headers headers) {
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Content-Security-Policy", ConsoleHandler.CSP);
  }

  static void send(
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

  /**
   * The session of a POST that carries its CSRF token, comes from this origin (when the browser
   * says) and has a JSON body; answers the refusal and returns empty otherwise.
   */
  static Optional<Session> checkedPost(
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
          "No session; open " + ConsoleHandler.BASE + "/login, which starts one, and log in");
      return Optional.empty();
    }
    if (!Sessions.csrfMatches(session.get(), headers.getFirst(ConsoleHandler.CSRF_HEADER))) {
      problem(
          exchange,
          403,
          "CSRF_TOKEN_INVALID",
          "The request lacks this session's CSRF token in "
              + ConsoleHandler.CSRF_HEADER
              + "; reload the page and retry");
      return Optional.empty();
    }
    if (mustBeLoggedIn && !session.get().authenticated()) {
      problem(exchange, 401, "LOGIN_REQUIRED", "Log in first: " + ConsoleHandler.BASE + "/login");
      return Optional.empty();
    }
    String type = headers.getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      problem(exchange, 415, "JSON_REQUIRED", "Send the request body as application/json");
      return Optional.empty();
    }
    return session;
  }

  static boolean loggedIn(HttpExchange exchange, Optional<Session> session) throws IOException {
    if (session.filter(Session::authenticated).isPresent()) {
      return true;
    }
    problem(
        exchange,
        401,
        "LOGIN_REQUIRED",
        "Log in to the console first ("
            + ConsoleHandler.BASE
            + "/login); images and data are for users only");
    return false;
  }

  static String uploadId(HttpExchange exchange) throws IOException {
    String id = query(exchange).getOrDefault("id", "");
    if (id.isBlank()
        || id.getBytes(StandardCharsets.UTF_8).length > ConsoleHandler.MAX_UPLOAD_ID_BYTES
        || id.chars().anyMatch(Character::isISOControl)) {
      problem(
          exchange,
          400,
          "MALFORMED_UPLOAD_ID",
          "Give id= an upload id: not blank, no control characters, at most "
              + ConsoleHandler.MAX_UPLOAD_ID_BYTES
              + " bytes");
      return null;
    }
    return id;
  }

  static void notHere(HttpExchange exchange, Located<?> located) throws IOException {
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
}
