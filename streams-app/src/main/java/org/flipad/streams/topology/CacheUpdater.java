package org.flipad.streams.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global decision cache equal to the decisions topic: a value stores, a tombstone
 * deletes. Input: the decisions topic; output: none; store: decision-cache.
 */
final class CacheUpdater implements Processor<String, CachedDecision, Void, Void> {

  private KeyValueStore<String, CachedDecision> cache;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    cache = context.getStateStore(ScreeningTopology.CACHE_STORE);
  }

  @Override
  public void process(Record<String, CachedDecision> record) {
    if (record.value() == null) {
      cache.delete(record.key());
    } else {
      cache.put(record.key(), record.value());
    }
  }
}
