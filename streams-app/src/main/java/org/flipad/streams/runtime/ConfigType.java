package org.flipad.streams.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The type of a {@link ConfigKey}'s value and how its text form (file or environment) parses. */
public enum ConfigType {
  /** Any text, trimmed. */
  STRING,
  /** {@code true} or {@code false}, any case. */
  BOOLEAN,
  /** A 32-bit integer. */
  INT,
  /** A 64-bit integer (byte counts, milliseconds). */
  LONG,
  /** A decimal number. */
  DOUBLE,
  /** Comma-separated text; items trimmed, empty items dropped; an empty text is an empty list. */
  LIST;

  /**
   * Parses {@code raw} as this type.
   *
   * @return a String, Boolean, Integer, Long, Double or {@code List<String>}
   * @throws ConfigException naming {@code key} and {@code raw} when it does not parse
   */
  public Object parse(String key, String raw) {
    String text = raw.trim();
    try {
      return switch (this) {
        case STRING -> text;
        case BOOLEAN -> parseBoolean(key, text);
        case INT -> Integer.parseInt(text);
        case LONG -> Long.parseLong(text);
        case DOUBLE -> Double.parseDouble(text);
        case LIST -> list(text);
      };
    } catch (NumberFormatException e) {
      throw new ConfigException(
          key
              + " is '"
              + raw
              + "', not "
              + (this == DOUBLE ? "a number" : "a whole number")
              + "; give e.g. "
              + (this == DOUBLE ? "0.005" : "100"),
          e);
    }
  }

  private static Boolean parseBoolean(String key, String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default ->
          throw new ConfigException(key + " is '" + text + "', not a boolean; give true or false");
    };
  }

  private static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
