package org.flipad.streams.runtime;

import java.util.Locale;
import java.util.Objects;

/**
 * One declared {@code flipad.*} setting: its dotted lower-case name, type, default, validator and
 * the sentence {@code docs/operations.md} and {@code --print-config} show for it.
 *
 * @param name dotted lower case, e.g. {@code flipad.worker.batch.size}
 * @param type how the text form parses
 * @param defaultText the default in text form, or null when there is no fixed default (the key is
 *     required, or its default is derived from the environment; {@code doc} says which)
 * @param validator checks the parsed value
 * @param doc what the setting means, with its unit
 */
public record ConfigKey(
    String name, ConfigType type, String defaultText, ConfigValidator validator, String doc) {

  /** Validates the declaration itself (a wrong one is a programming error). */
  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(doc, "doc");
    if (!name.matches("flipad(\\.[a-z0-9]+)+")) {
      throw new IllegalArgumentException("Config key " + name + " is not dotted lower case");
    }
  }

  /**
   * The environment variable that sets this key: upper case, dots to underscores, e.g. {@code
   * FLIPAD_SCREENING_DEADLINE_MS} for {@code flipad.screening.deadline.ms}.
   */
  public String envName() {
    return name.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * Parses and validates {@code raw}.
   *
   * @throws ConfigException naming this key, the value and what is expected
   */
  public Object parse(String raw) {
    Object value = type.parse(name, raw);
    String problem = validator.problem(value);
    if (problem != null) {
      throw new ConfigException(
          name + " is '" + raw.trim() + "'; it " + problem + " (" + doc + ")");
    }
    return value;
  }
}
