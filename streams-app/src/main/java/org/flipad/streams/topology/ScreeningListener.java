package org.flipad.streams.topology;

import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.Decision;

/**
 * What the topology reports as it goes, for metrics and progress displays. Called on stream
 * threads: implementations must be thread-safe and fast.
 */
public interface ScreeningListener {

  /** Ignores everything. */
  ScreeningListener NONE = new ScreeningListener() {};

  /** An upload record was read (before any check). */
  default void uploadReceived() {}

  /** An upload ended in a verdict. */
  default void verdict(Decision decision, boolean cached, long endToEndMillis) {}

  /** An input ended in a dead letter. */
  default void deadLetter(DeadLetterReason reason) {}

  /** A worker result found no upload waiting for it and was ignored, for {@code reason}. */
  default void lateResult(LateResult reason) {}

  /** Uploads waiting for results changed by {@code delta}. */
  default void inFlight(int delta) {}

  /**
   * An output record for {@code topic} could not be written and was dropped (then dead-lettered
   * when possible) by the production exception handler.
   *
   * @param exceptionClass the simple name of the failure, e.g. {@code RecordTooLargeException}
   */
  default void outputDropped(String topic, String exceptionClass) {}

  /**
   * The flood watch raised a FLOOD alert for attributions to {@code modelId} from {@code tenant}.
   */
  default void flood(String modelId, String tenant) {}
}
