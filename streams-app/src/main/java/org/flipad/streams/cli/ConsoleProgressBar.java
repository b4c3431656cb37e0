package org.flipad.streams.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;
import org.flipad.core.progress.ProgressListener;

/**
 * A one-line progress bar on standard error: bar, done/total, elapsed, estimated time left and what
 * is running. Redrawn in place on a terminal; one line per update otherwise (logs stay readable).
 */
final class ConsoleProgressBar implements ProgressListener {

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final InstantSource clock;
  private final boolean inPlace;
  private String task = "";
  private long total = 1;
  private long startMillis;
  private long skipped;

  ConsoleProgressBar(PrintWriter err, InstantSource clock, boolean inPlace) {
    this.err = err;
    this.clock = clock;
    this.inPlace = inPlace;
  }

  /** A bar on {@code err} that redraws in place when a console is attached. */
  static ConsoleProgressBar on(PrintWriter err) {
    return new ConsoleProgressBar(err, InstantSource.system(), System.console() != null);
  }

  @Override
  public void start(String task, long total) {
    this.task = task;
    this.total = Math.max(1, total);
    this.startMillis = clock.millis();
    this.skipped = 0;
    advance(0, "starting");
  }

  @Override
  public void advance(long done, String detail) {
    long elapsed = clock.millis() - startMillis;
    // Units loaded from a cache took no time: the rate comes from the units that were worked.
    long worked = done - skipped;
    String left = worked <= 0 ? "?" : format(elapsed * (total - done) / worked);
    int filled = (int) (WIDTH * Math.min(done, total) / total);
    String line =
        String.format(
            "%s [%s%s] %d/%d  elapsed %s  left %s  %s",
            task,
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            done,
            total,
            format(elapsed),
            left,
            detail);
    err.print(inPlace ? "\r" + line + "\033[K" : line + System.lineSeparator());
    err.flush();
  }

  @Override
  public void skipped(long units) {
    skipped += units;
  }

  @Override
  public void finish(String summary) {
    advance(total, "done: " + summary);
    if (inPlace) {
      err.println();
    }
    err.flush();
  }

  private static String format(long millis) {
    Duration d = Duration.ofMillis(millis);
    return d.toHours() > 0
        ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
        : String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
  }
}
