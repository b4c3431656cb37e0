package org.flipad.streams.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Upload ids ordered by a time (a deadline, a decision time) in a key-value store whose keys are
 * {@code time|uploadId} with the millisecond time zero-padded, so that keys sort by time and "what
 * is due" is a range scan over the due entries only, never a walk over the whole store.
 *
 * <p>Public because the lookup store ({@code org.flipad.streams.lookup}) expires its entries the
 * same way.
 */
public final class TimeIndex {

  private final KeyValueStore<String, String> store;

  /** An index kept in {@code store} (keys and values are strings; nothing else may write it). */
  public TimeIndex(KeyValueStore<String, String> store) {
    this.store = store;
  }

  /** Files {@code uploadId} under {@code millis}. */
  public void add(long millis, String uploadId) {
    store.put(key(millis, uploadId), uploadId);
  }

  /** Removes the entry {@link #add} made for the same time and id, if any. */
  public void remove(long millis, String uploadId) {
    store.delete(key(millis, uploadId));
  }

  /** Removes and returns, oldest first, the ids filed under a time at or before {@code millis}. */
  public List<String> takeDue(long millis) {
    List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> old = store.range(null, key(millis, "\uffff"))) {
      while (old.hasNext()) {
        due.add(old.next());
      }
    }
    List<String> ids = new ArrayList<>(due.size());
    for (KeyValue<String, String> entry : due) {
      store.delete(entry.key);
      ids.add(entry.value);
    }
    return ids;
  }

  private static String key(long millis, String uploadId) {
    return String.format("%019d|%s", Math.max(0, millis), uploadId);
  }
}
