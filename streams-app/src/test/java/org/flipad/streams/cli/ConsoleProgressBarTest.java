package org.flipad.streams.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {

  private final AtomicLong millis = new AtomicLong();
  private final StringWriter out = new StringWriter();
  private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
  private final ConsoleProgressBar bar = new ConsoleProgressBar(new PrintWriter(out), clock, false);

  @Test
  void timeLeftIsEstimatedFromWorkedUnits() {
    bar.start("evaluate", 10);
    millis.addAndGet(60_000);
    bar.advance(2, "second");
    // 2 units in 60 s: 8 more take 240 s.
    assertTrue(lastLine().contains("left 4m00s"), lastLine());
  }

  @Test
  void unitsLoadedFromACacheDoNotShortenTheEstimate() {
    bar.start("evaluate", 10);
    bar.skipped(1);
    bar.advance(1, "cached");
    bar.skipped(1);
    bar.advance(2, "cached");
    assertTrue(lastLine().contains("left ?"), lastLine());
    millis.addAndGet(60_000);
    bar.advance(3, "trained");
    // One worked unit took 60 s; 7 remain. Counting the cached two would have said 2m20s.
    assertTrue(lastLine().contains("left 7m00s"), lastLine());
  }

  private String lastLine() {
    String[] lines = out.toString().split(System.lineSeparator());
    return lines[lines.length - 1];
  }
}
