package org.flipad.streams.topology;

import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Expires the global decision cache without reading all of it. Each task files the cache entries it
 * writes in {@value ScreeningTopology#CACHE_INDEX}, a changelogged {@link TimeIndex} by expiry
 * time, and deletes them through the decisions topic when they are due, so a sweep reads only the
 * due entries of its own task.
 *
 * <p>Two tasks may write the same key (the same bytes uploaded under ids of different partitions);
 * each files its own write, and an entry is deleted only when the one in the cache is itself older
 * than the time to live, so the earlier write's expiry never removes the later decision. Entries
 * written before the index existed are found once, by one scan when the task of partition 0 starts.
 */
final class DecisionCacheExpiry {

  private final KeyValueStore<String, CachedDecision> cache;
  private final TimeIndex byExpiry;
  private final long ttlMillis;
  private final boolean adoptsUnindexedEntries;
  private boolean adopted;

  DecisionCacheExpiry(ProcessorContext<?, ?> context, long ttlMillis) {
    this.cache = context.getStateStore(ScreeningTopology.CACHE_STORE);
    this.byExpiry = new TimeIndex(context.getStateStore(ScreeningTopology.CACHE_INDEX));
    this.ttlMillis = ttlMillis;
    this.adoptsUnindexedEntries = context.taskId().partition() == 0;
  }

  /** Files the entry this task wrote under {@code key} at {@code decidedAtMillis}. */
  void written(String key, long decidedAtMillis) {
    byExpiry.add(expiryOf(decidedAtMillis), key);
  }

  /** Sends a tombstone for every due entry of this task to {@code delete} (the decisions topic). */
  void expire(long now, Consumer<String> delete) {
    if (adoptsUnindexedEntries && !adopted) {
      adoptUnindexed(now, delete);
    }
    for (String key : byExpiry.takeDue(now)) {
      CachedDecision current = cache.get(key);
      if (current != null && stale(current, now)) {
        delete.accept(key);
      }
    }
  }

  /**
   * Files every entry of the cache under its expiry, deleting those already stale: entries written
   * by a version that kept no index would otherwise live for ever. Re-filing an indexed entry
   * changes nothing.
   */
  private void adoptUnindexed(long now, Consumer<String> delete) {
    try (KeyValueIterator<String, CachedDecision> all = cache.all()) {
      while (all.hasNext()) {
        KeyValue<String, CachedDecision> entry = all.next();
        if (stale(entry.value, now)) {
          delete.accept(entry.key);
        } else {
          byExpiry.add(expiryOf(entry.value.decidedAtMillis()), entry.key);
        }
      }
    }
    adopted = true;
  }

  private boolean stale(CachedDecision decision, long now) {
    return now - decision.decidedAtMillis() > ttlMillis;
  }

  /** The first millisecond at which an entry decided at {@code decidedAtMillis} is stale. */
  private long expiryOf(long decidedAtMillis) {
    return decidedAtMillis + ttlMillis + 1;
  }
}
