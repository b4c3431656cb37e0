package org.flipad.streams.registry;

import java.util.function.Consumer;

/**
 * Durable storage of the registry: an append-only log of {@link SchemaRecord}s. The registry keeps
 * its indexes in memory, rebuilds them with {@link #replay} at start and appends every new version
 * before acknowledging it. A compacted Kafka topic (key = subject + version) fits this contract.
 */
public interface SchemaStore {

  /** Makes {@code record} durable; returns only once a later {@link #replay} will include it. */
  void append(SchemaRecord record);

  /** Hands every stored record to {@code sink}, in the order they were appended. */
  void replay(Consumer<SchemaRecord> sink);
}
