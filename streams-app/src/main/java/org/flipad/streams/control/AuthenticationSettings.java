package org.flipad.streams.control;

import java.time.Duration;
import java.util.Objects;

/**
 * The window in which a command is fresh, and how many command ids are remembered.
 *
 * @param maxAge a command issued longer ago than this is refused as a possible replay (and its id
 *     need not be remembered beyond it)
 * @param maxClockSkew a command issued further than this in the future is refused (the issuer's
 *     clock is wrong, or the command was made to outlive the window)
 * @param replayCapacity the most command ids remembered at once; when more than this many commands
 *     arrive within {@code maxAge}, further ones are refused until older ids expire
 */
public record AuthenticationSettings(Duration maxAge, Duration maxClockSkew, int replayCapacity) {

  /** Validates. */
  public AuthenticationSettings {
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    if (maxAge.isNegative() || maxAge.isZero() || maxClockSkew.isNegative()) {
      throw new IllegalArgumentException(
          "maxAge must be positive and maxClockSkew not negative; got "
              + maxAge
              + " and "
              + maxClockSkew
              + ".");
    }
    if (replayCapacity < 1) {
      throw new IllegalArgumentException(
          "replayCapacity must be at least 1; got " + replayCapacity + ".");
    }
  }

  /** Commands up to 10 min old, 30 s of clock skew, 100 000 remembered ids. */
  public static AuthenticationSettings defaults() {
    return new AuthenticationSettings(Duration.ofMinutes(10), Duration.ofSeconds(30), 100_000);
  }

  /** These settings with {@code maxAge}. */
  public AuthenticationSettings withMaxAge(Duration maxAge) {
    return new AuthenticationSettings(maxAge, maxClockSkew, replayCapacity);
  }

  /** These settings with {@code maxClockSkew}. */
  public AuthenticationSettings withMaxClockSkew(Duration maxClockSkew) {
    return new AuthenticationSettings(maxAge, maxClockSkew, replayCapacity);
  }

  /** These settings with {@code replayCapacity}. */
  public AuthenticationSettings withReplayCapacity(int replayCapacity) {
    return new AuthenticationSettings(maxAge, maxClockSkew, replayCapacity);
  }
}
