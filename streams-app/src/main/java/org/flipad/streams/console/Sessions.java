package org.flipad.streams.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in memory: a restart logs everybody out, and each instance has its own (a
 * load balancer in front of several instances needs sticky sessions). Logging in replaces the
 * anonymous session with a new id, so an id planted before log-in is worth nothing after it.
 */
final class Sessions {

  /** Most sessions kept; beyond it, anonymous ones are dropped first (a flood of page loads). */
  static final int MAX_SESSIONS = 10_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConsoleSettings settings;
  private final InstantSource clock;
  private final Map<String, Session> byId = new ConcurrentHashMap<>();

  Sessions(ConsoleSettings settings, InstantSource clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** A new anonymous session. */
  Session open() {
    if (byId.size() >= MAX_SESSIONS) {
      sweep();
    }
    long now = clock.millis();
    Session session = new Session(randomToken(), randomToken(), null, now, now);
    byId.put(session.id(), session);
    return session;
  }

  /** The live session with cookie value {@code id}, touched; empty when unknown or expired. */
  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = byId.get(id);
    if (session == null) {
      return Optional.empty();
    }
    long now = clock.millis();
    if (expired(session, now)) {
      byId.remove(id);
      return Optional.empty();
    }
    Session touched = session.seenAt(now);
    byId.put(id, touched);
    return Optional.of(touched);
  }

  /**
   * Whether the session {@code id} is still live, without counting this as activity (an open live
   * feed asks before each event, and must end with a log-out or an expiry).
   */
  boolean live(String id) {
    Session session = byId.get(id);
    return session != null && !expired(session, clock.millis());
  }

  /** Ends {@code anonymous} and opens a logged-in session for {@code user} under a new id. */
  Session logIn(Session anonymous, ConsoleUser user) {
    byId.remove(anonymous.id());
    long now = clock.millis();
    Session session = new Session(randomToken(), randomToken(), user, now, now);
    byId.put(session.id(), session);
    return session;
  }

  /** Ends {@code session}. */
  void end(Session session) {
    byId.remove(session.id());
  }

  /** Whether {@code presented} is the session's CSRF token (constant time). */
  static boolean csrfMatches(Session session, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            session.csrfToken().getBytes(StandardCharsets.UTF_8),
            presented.getBytes(StandardCharsets.UTF_8));
  }

  int size() {
    return byId.size();
  }

  private boolean expired(Session session, long now) {
    long idle = session.authenticated() ? settings.sessionIdle().toMillis() : 600_000L;
    return now - session.lastSeenMillis() > idle
        || now - session.createdAtMillis() > settings.sessionMax().toMillis();
  }

  private void sweep() {
    long now = clock.millis();
    byId.values().removeIf(s -> expired(s, now));
    if (byId.size() >= MAX_SESSIONS) {
      byId.values().removeIf(s -> !s.authenticated());
    }
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
