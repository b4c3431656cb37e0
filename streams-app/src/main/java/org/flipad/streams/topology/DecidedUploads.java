package org.flipad.streams.topology;

import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The upload ids that already have their verdict, remembered for the duplicate window so that a
 * repeated id is refused instead of screened (and answered) a second time. Dead-lettered ids are
 * not remembered: a dead letter says what to fix, and the fixed upload may reuse its id.
 *
 * <p>Two stores: {@value ScreeningTopology#DECIDED_STORE} by upload id, and {@value
 * ScreeningTopology#DECIDED_INDEX}, a {@link TimeIndex} by decision time, so that expiry reads the
 * expired entries only, never every id. Both are changelogged and written in the processor's
 * transaction, so a crash cannot forget an id that was answered.
 */
final class DecidedUploads {

  /** What ended an upload, and when. */
  record Decided(String outcome, long decidedAtMillis) {}

  private final KeyValueStore<String, Decided> byId;
  private final TimeIndex byTime;
  private final long windowMillis;

  DecidedUploads(ProcessorContext<?, ?> context, long windowMillis) {
    this.byId = context.getStateStore(ScreeningTopology.DECIDED_STORE);
    this.byTime = new TimeIndex(context.getStateStore(ScreeningTopology.DECIDED_INDEX));
    this.windowMillis = windowMillis;
  }

  /**
   * Remembers that {@code uploadId} ended at {@code now} in {@code outcome} (e.g. "verdict 1b9d…").
   * Nothing is remembered when the window is zero.
   */
  void remember(String uploadId, String outcome, long now) {
    if (windowMillis <= 0) {
      return;
    }
    byId.put(uploadId, new Decided(outcome, now));
    byTime.add(now, uploadId);
  }

  /** How {@code uploadId} ended, when that was less than the window before {@code now}. */
  Optional<Decided> find(String uploadId, long now) {
    Decided decided = byId.get(uploadId);
    if (decided == null || now - decided.decidedAtMillis() >= windowMillis) {
      return Optional.empty();
    }
    return Optional.of(decided);
  }

  /** Forgets the ids that ended a window or more before {@code now}. */
  void expire(long now) {
    long cutoff = now - windowMillis;
    for (String uploadId : byTime.takeDue(cutoff)) {
      Decided decided = byId.get(uploadId);
      // The id may have been screened again after an earlier expiry; keep that newer entry.
      if (decided != null && decided.decidedAtMillis() <= cutoff) {
        byId.delete(uploadId);
      }
    }
  }
}
