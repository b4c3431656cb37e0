package org.flipad.streams.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionsTest {

  private static final ConsoleUser ALICE =
      new ConsoleUser("alice", Role.REVIEWER, PasswordHash.of("alice-password"));

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
  private final Sessions sessions =
      new Sessions(
          new ConsoleSettings(List.of(ALICE), Duration.ofMinutes(30), Duration.ofHours(12)), clock);

  @Test
  void shouldReplaceTheAnonymousSessionOnLogIn() {
    Session anonymous = sessions.open();

    Session alice = sessions.logIn(anonymous, ALICE);

    assertThat(alice.id()).isNotEqualTo(anonymous.id());
    assertThat(alice.csrfToken()).isNotEqualTo(anonymous.csrfToken());
    assertThat(sessions.find(anonymous.id())).isEmpty();
    assertThat(sessions.find(alice.id()))
        .hasValueSatisfying(s -> assertThat(s.reviewer()).isTrue());
    assertThat(alice.id()).matches("[0-9a-f]{64}");
  }

  @Test
  void shouldEndSessionsWhenIdleTooLongOrTooOldOrLoggedOut() {
    Session alice = sessions.logIn(sessions.open(), ALICE);

    now.addAndGet(Duration.ofMinutes(29).toMillis());
    assertThat(sessions.find(alice.id())).isPresent();
    now.addAndGet(Duration.ofMinutes(31).toMillis());
    assertThat(sessions.find(alice.id())).as("idle 31 min").isEmpty();

    Session active = sessions.logIn(sessions.open(), ALICE);
    for (int i = 0; i < 25; i++) {
      now.addAndGet(Duration.ofMinutes(29).toMillis());
      sessions.find(active.id());
    }
    assertThat(sessions.find(active.id())).as("past 12 h however active").isEmpty();

    Session ended = sessions.logIn(sessions.open(), ALICE);
    sessions.end(ended);
    assertThat(sessions.find(ended.id())).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
  }

  @Test
  void shouldTellWhetherASessionIsLiveWithoutKeepingItAlive() {
    Session alice = sessions.logIn(sessions.open(), ALICE);

    now.addAndGet(Duration.ofMinutes(20).toMillis());
    assertThat(sessions.live(alice.id())).isTrue();
    now.addAndGet(Duration.ofMinutes(20).toMillis());
    assertThat(sessions.live(alice.id())).as("40 min after the last request").isFalse();

    Session bob = sessions.logIn(sessions.open(), ALICE);
    sessions.end(bob);
    assertThat(sessions.live(bob.id())).isFalse();
  }

  @Test
  void shouldCompareCsrfTokensExactly() {
    Session session = sessions.open();

    assertThat(Sessions.csrfMatches(session, session.csrfToken())).isTrue();
    assertThat(Sessions.csrfMatches(session, null)).isFalse();
    assertThat(Sessions.csrfMatches(session, session.csrfToken().toUpperCase())).isFalse();
    assertThat(Sessions.csrfMatches(session, "")).isFalse();
  }

  @Test
  void shouldDropAnonymousSessionsFirstWhenFull() {
    Session alice = sessions.logIn(sessions.open(), ALICE);
    for (int i = 0; i < Sessions.MAX_SESSIONS + 10; i++) {
      sessions.open();
    }

    assertThat(sessions.size()).isLessThanOrEqualTo(Sessions.MAX_SESSIONS);
    assertThat(sessions.find(alice.id())).isPresent();
  }
}
