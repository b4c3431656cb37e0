package org.flipad.streams.console;

import java.util.Objects;

/**
 * One person who may log in to the console.
 *
 * @param name the log-in name, also the reviewer id written with their feedback
 * @param role what they may do
 * @param password their password's hash
 */
public record ConsoleUser(String name, Role role, PasswordHash password) {

  /** Checks the name: 1 to 64 letters, digits, '.', '_', '-' or '@'. */
  public ConsoleUser {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(password, "password");
    if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
      throw new IllegalArgumentException(
          "Console user name '"
              + name
              + "' must be 1 to 64 letters, digits, '.', '_', '-' or '@' (it is the reviewer id"
              + " written with feedback)");
    }
  }

  /**
   * Reads {@code NAME:ROLE:HASH}, as in {@code flipad.console.users}.
   *
   * @throws IllegalArgumentException saying which part is wrong
   */
  public static ConsoleUser parse(String entry) {
    String[] parts = entry.trim().split(":", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "Console user '"
              + entry
              + "' is not NAME:ROLE:HASH, e.g. alice:reviewer:pbkdf2-sha256$210000$...; make the"
              + " hash with: flipad console --hash-password");
    }
    return new ConsoleUser(parts[0], Role.parse(parts[1]), PasswordHash.parse(parts[2]));
  }

  /** The configured form, {@code NAME:ROLE:HASH}. */
  public String entry() {
    return name + ":" + role.label() + ":" + password.encoded();
  }
}
