package org.flipad.streams.console;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the console and for how long a log-in lasts.
 *
 * @param users the accounts; at least one, names unique
 * @param sessionIdle a session ends after this long without a request
 * @param sessionMax a session ends this long after log-in, however active
 */
public record ConsoleSettings(List<ConsoleUser> users, Duration sessionIdle, Duration sessionMax) {

  /** Idle limit of a session unless configured. */
  public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);

  /** Longest session unless configured. */
  public static final Duration DEFAULT_MAX = Duration.ofHours(12);

  /** Checks that there is someone to log in and that the durations make sense. */
  public ConsoleSettings {
    users = List.copyOf(users);
    if (users.isEmpty()) {
      throw new IllegalArgumentException(
          "The console has no users, so nobody could log in; set flipad.console.users to"
              + " NAME:ROLE:HASH entries (make a hash with: flipad console --hash-password)");
    }
    Set<String> names = new HashSet<>();
    for (ConsoleUser user : users) {
      if (!names.add(user.name())) {
        throw new IllegalArgumentException(
            "Console user '" + user.name() + "' is configured twice; give each name once");
      }
    }
    if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionMax.compareTo(sessionIdle) < 0) {
      throw new IllegalArgumentException(
          "Console sessions need a positive idle limit no longer than the longest session, got"
              + " idle "
              + sessionIdle
              + " and longest "
              + sessionMax);
    }
  }

  /** The users with the default session limits. */
  public static ConsoleSettings of(List<ConsoleUser> users) {
    return new ConsoleSettings(users, DEFAULT_IDLE, DEFAULT_MAX);
  }

  /** The user called {@code name}. */
  Optional<ConsoleUser> user(String name) {
    return users.stream().filter(u -> u.name().equals(name)).findFirst();
  }
}
