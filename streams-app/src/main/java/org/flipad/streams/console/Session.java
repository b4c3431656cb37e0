package org.flipad.streams.console;

/**
 * A browser's session: anonymous until its user logs in. The id travels in an HttpOnly cookie; the
 * CSRF token is handed to the page's script and must come back in a header with every
 * state-changing request, which a page of another origin cannot read or send.
 *
 * @param id the cookie value (random, 256 bits)
 * @param csrfToken the token state-changing requests must carry (random, 256 bits)
 * @param user who logged in, or null while anonymous
 * @param createdAtMillis when the session began (logged-in sessions: when the user logged in)
 * @param lastSeenMillis the latest request
 */
record Session(
    String id, String csrfToken, ConsoleUser user, long createdAtMillis, long lastSeenMillis) {

  /** Whether someone logged in. */
  boolean authenticated() {
    return user != null;
  }

  /** Whether the user may give feedback. */
  boolean reviewer() {
    return user != null && user.role() == Role.REVIEWER;
  }

  Session seenAt(long millis) {
    return new Session(id, csrfToken, user, createdAtMillis, millis);
  }
}
