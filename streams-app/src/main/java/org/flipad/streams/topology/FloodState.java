package org.flipad.streams.topology;

/**
 * The counts behind one (model, tenant) flood watch: attributions per window for the current window
 * and the baseline windows before it, in a ring indexed by window number, and whether a flood
 * episode is under way. Stored as JSON in {@value ScreeningTopology#FLOOD_STORE}.
 *
 * @param currentWindow the newest window seen (time / window length)
 * @param counts ring of {@code baselineWindows + 1} counts; window w is at {@code w mod length}
 * @param inEpisode whether a FLOOD alert was raised and the rate has not yet fallen back
 */
record FloodState(long currentWindow, long[] counts, boolean inEpisode) {

  /** A watch that starts at {@code window}, with a baseline of zeros. */
  static FloodState startingAt(long window, int baselineWindows) {
    return new FloodState(window, new long[baselineWindows + 1], false);
  }

  long count(long window) {
    return counts[slot(window)];
  }

  /** The mean count of the baseline windows before {@code window}. */
  double baseline(long window) {
    long sum = 0;
    for (long w = window - counts.length + 1; w < window; w++) {
      sum += counts[slot(w)];
    }
    return (double) sum / (counts.length - 1);
  }

  private int slot(long window) {
    return (int) Math.floorMod(window, (long) counts.length);
  }

  /** With one more attribution in {@code window}, which must be within the ring. */
  FloodState counted(long window) {
    long[] next = counts.clone();
    next[slot(window)]++;
    return new FloodState(currentWindow, next, inEpisode);
  }

  /** Moved on to {@code window}: the windows in between start empty. */
  FloodState advancedTo(long window) {
    long[] next = counts.clone();
    long from = Math.max(currentWindow + 1, window - counts.length + 1);
    for (long w = from; w <= window; w++) {
      next[slot(w)] = 0;
    }
    return new FloodState(window, next, inEpisode);
  }

  FloodState withEpisode(boolean episode) {
    return new FloodState(currentWindow, counts, episode);
  }
}
