package org.flipad.streams.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The upload ids that already have their terminal record, remembered for the duplicate window so
 * that a repeated id is refused instead of screened (and answered) a second time.
 *
 * <p>Two stores: {@value ScreeningTopology#DECIDED_STORE} by upload id, and {@value
 * ScreeningTopology#DECIDED_INDEX} by {@code decidedAt|uploadId} with the millisecond time
 * zero-padded, so that keys sort by time and expiry is a range scan over the expired entries only,
 * never a walk over every id. Both are changelogged and written in the processor's transaction, so
 * a crash cannot forget an id that was answered.
 */
final class DecidedUploads {

  /** What ended an upload, and when. */
  record Decided(String outcome, long decidedAtMillis) {}

  private final KeyValueStore<String, Decided> byId;
  private final KeyValueStore<String, String> byTime;
  private final long windowMillis;

  DecidedUploads(ProcessorContext<?, ?> context, long windowMillis) {
    this.byId = context.getStateStore(ScreeningTopology.DECIDED_STORE);
    this.byTime = context.getStateStore(ScreeningTopology.DECIDED_INDEX);
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
    byTime.put(timeKey(now, uploadId), uploadId);
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
    List<KeyValue<String, String>> expired = new ArrayList<>();
    // Keys sort by time: everything up to the cutoff's prefix, and nothing after it, is read.
    try (KeyValueIterator<String, String> old = byTime.range(null, timeKey(cutoff, "\uffff"))) {
      while (old.hasNext()) {
        expired.add(old.next());
      }
    }
    for (KeyValue<String, String> entry : expired) {
      byTime.delete(entry.key);
      Decided decided = byId.get(entry.value);
      // The id may have been screened again after an earlier expiry; keep that newer entry.
      if (decided != null && decided.decidedAtMillis() <= cutoff) {
        byId.delete(entry.value);
      }
    }
  }

  private static String timeKey(long millis, String uploadId) {
    return String.format("%019d|%s", Math.max(0, millis), uploadId);
  }
}
