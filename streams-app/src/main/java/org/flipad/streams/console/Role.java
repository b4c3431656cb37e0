package org.flipad.streams.console;

import java.util.Arrays;
import java.util.Locale;

/** What a console user may do. */
public enum Role {
  /** Sees the feed, uploads and images, and confirms or overturns verdicts. */
  REVIEWER,
  /** Sees the feed, uploads and images; cannot give feedback. */
  VIEWER;

  /**
   * The role named {@code name}, case-insensitive.
   *
   * @throws IllegalArgumentException naming the accepted roles
   */
  public static Role parse(String name) {
    return Arrays.stream(values())
        .filter(role -> role.name().equalsIgnoreCase(name.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown console role '" + name + "'; use reviewer or viewer"));
  }

  /** The role's name as configured and shown: {@code reviewer} or {@code viewer}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
