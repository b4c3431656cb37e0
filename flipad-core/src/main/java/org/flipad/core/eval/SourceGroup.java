package org.flipad.core.eval;

/**
 * Which kind of source the non-target samples of a {@link Comparison} come from, relative to the
 * negative bank the detector was trained against.
 */
public enum SourceGroup {
  /** Real images (never the training images). */
  REAL,
  /** Fresh samples of a generator that is in the detector's negative bank. */
  BANK,
  /**
   * A training run that was never in the bank, of an architecture whose other runs are (the bank
   * holds runs 2 and 3 of every architecture; the test uses the other architectures' run 1).
   */
  UNSEEN_RUN,
  /** An architecture left out of the bank entirely (every run of it is unseen). */
  HELD_OUT_ARCHITECTURE
}
