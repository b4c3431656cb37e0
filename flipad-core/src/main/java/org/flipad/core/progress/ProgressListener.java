package org.flipad.core.progress;

/** Receives progress of one long task; calls come from the working thread. */
public interface ProgressListener {

  /** A listener that ignores everything. */
  ProgressListener NONE =
      new ProgressListener() {
        @Override
        public void start(String task, long total) {}

        @Override
        public void advance(long done, String detail) {}

        @Override
        public void finish(String summary) {}
      };

  /** A task of {@code total} units starts. */
  void start(String task, long total);

  /** {@code done} of the total units are complete; {@code detail} says what is running. */
  void advance(long done, String detail);

  /**
   * {@code units} of the total were completed without doing their work (their results were loaded
   * from a cache), so an estimate of the time left should not count them as work done.
   */
  default void skipped(long units) {}

  /** The task ended. */
  void finish(String summary);
}
