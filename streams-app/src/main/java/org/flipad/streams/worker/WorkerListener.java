package org.flipad.streams.worker;

/** What a worker reports, for metrics. Called on the worker thread. */
public interface WorkerListener {

  /** Ignores everything. */
  WorkerListener NONE = new WorkerListener() {};

  /** A batch of {@code size} images of {@code modelLabel} took {@code millis}. */
  default void batch(String modelLabel, int size, long millis) {}

  /** One request ended with {@code outcome} (ATTRIBUTED, NOT_ATTRIBUTED or an error reason). */
  default void inversion(String modelLabel, String outcome) {}
}
