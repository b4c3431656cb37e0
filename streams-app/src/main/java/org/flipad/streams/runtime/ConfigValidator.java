package org.flipad.streams.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Checks a parsed configuration value. A problem is reported as a sentence fragment that completes
 * "{@code key} is {@code value}; …" (e.g. "must be at least 1"), so every message names the key,
 * the value and the expectation in one form.
 */
@FunctionalInterface
public interface ConfigValidator {

  /** What is wrong with {@code value}, or null when it is valid. */
  String problem(Object value);

  /** Accepts every value of the key's type. */
  static ConfigValidator any() {
    return value -> null;
  }

  /** A whole number of at least {@code min}. */
  static ConfigValidator atLeast(long min) {
    return value -> ((Number) value).longValue() >= min ? null : "must be at least " + min;
  }

  /** A whole number in {@code [min, max]}. */
  static ConfigValidator between(long min, long max) {
    return value -> {
      long v = ((Number) value).longValue();
      return v >= min && v <= max ? null : "must be between " + min + " and " + max;
    };
  }

  /** A finite number above {@code min}, such as a multiple above 1. */
  static ConfigValidator above(double min) {
    return value -> {
      double v = ((Number) value).doubleValue();
      return v > min && Double.isFinite(v) ? null : "must be a finite number above " + min;
    };
  }

  /** A number in {@code [0, 1)}, such as a false-negative rate. */
  static ConfigValidator fraction() {
    return value -> {
      double v = ((Number) value).doubleValue();
      return v >= 0 && v < 1 ? null : "must be in [0, 1), e.g. 0.005";
    };
  }

  /** Text with at least one non-blank character. */
  static ConfigValidator nonBlank() {
    return value -> ((String) value).isBlank() ? "must not be blank" : null;
  }

  /** Empty (not set) or an absolute http(s) URL. */
  static ConfigValidator httpUrlOrEmpty() {
    return value -> {
      String text = (String) value;
      if (text.isEmpty()) {
        return null;
      }
      try {
        URI uri = new URI(text);
        String scheme = uri.getScheme();
        boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        return http && uri.getHost() != null
            ? null
            : "must be an http(s) URL such as http://schema-registry:8081";
      } catch (URISyntaxException e) {
        return "is not a URL (" + e.getReason() + "); give e.g. http://schema-registry:8081";
      }
    };
  }

  /** A list whose every item satisfies {@code item}. */
  static ConfigValidator eachItem(ConfigValidator item) {
    return value -> {
      for (Object element : (List<?>) value) {
        String problem = item.problem(element);
        if (problem != null) {
          return "has item '" + element + "' that " + problem;
        }
      }
      return null;
    };
  }
}
