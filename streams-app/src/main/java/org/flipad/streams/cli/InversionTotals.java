package org.flipad.streams.cli;

import org.flipad.core.inversion.RecoveredActivation;

/** Running totals of an inversion run: images, relative gaps and certified count. */
final class InversionTotals {

  private final double gapTolerance;
  private final long startNanos;
  private long images;
  private long certified;
  private double gapSum;
  private double gapMax;
  private long endNanos;

  /**
   * @param gapTolerance relative gap at or below which an image counts as certified
   * @param startNanos {@link System#nanoTime()} at the start of the run
   */
  InversionTotals(double gapTolerance, long startNanos) {
    this.gapTolerance = gapTolerance;
    this.startNanos = startNanos;
    this.endNanos = startNanos;
  }

  /** Adds one result and returns whether it is certified. */
  boolean add(RecoveredActivation result) {
    double gap = result.certificate().relativeGap();
    boolean ok = result.certificate().certifies(gapTolerance);
    images++;
    certified += ok ? 1 : 0;
    gapSum += gap;
    gapMax = Math.max(gapMax, gap);
    return ok;
  }

  /** Marks the time of the latest progress, {@link System#nanoTime()}. */
  void at(long nanos) {
    endNanos = nanos;
  }

  long images() {
    return images;
  }

  long certified() {
    return certified;
  }

  double gapTolerance() {
    return gapTolerance;
  }

  double meanRelativeGap() {
    return images == 0 ? 0 : gapSum / images;
  }

  double maxRelativeGap() {
    return gapMax;
  }

  double wallSeconds() {
    return (endNanos - startNanos) / 1e9;
  }

  double imagesPerSecond() {
    double seconds = wallSeconds();
    return seconds > 0 ? images / seconds : 0;
  }
}
