package org.flipad.streams.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * When attributions to one model from one tenant count as a flood: a window's count reaches both
 * {@code multiple} times the mean count of the {@code baselineWindows} windows before it and {@code
 * minCount}.
 *
 * @param window length of a counting window (windows are aligned to it, by the attributions' time)
 * @param baselineWindows how many earlier windows the baseline averages (≥ 1)
 * @param multiple how many times the baseline a window must reach (&gt; 1)
 * @param minCount the fewest attributions in a window that can be a flood (≥ 1), so a quiet model's
 *     first few attributions do not alarm
 */
public record FloodSettings(Duration window, int baselineWindows, double multiple, long minCount) {

  /** Validates. */
  public FloodSettings {
    Objects.requireNonNull(window, "window");
    if (window.toMillis() < 1) {
      throw new IllegalArgumentException("The flood window must be at least 1 ms, got " + window);
    }
    if (baselineWindows < 1 || baselineWindows > 10_000) {
      throw new IllegalArgumentException(
          "The flood baseline must span 1 to 10000 windows, got " + baselineWindows);
    }
    if (!(multiple > 1) || Double.isInfinite(multiple)) {
      throw new IllegalArgumentException(
          "The flood multiple must be a finite number above 1, got " + multiple);
    }
    if (minCount < 1) {
      throw new IllegalArgumentException(
          "The flood minimum count must be at least 1, got " + minCount);
    }
  }

  /** One-minute windows, a one-hour baseline, 5× and at least 20 attributions. */
  public static FloodSettings defaults() {
    return new FloodSettings(Duration.ofMinutes(1), 60, 5.0, 20);
  }
}
