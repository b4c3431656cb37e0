package org.flipad.streams.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A {@link SchemaStore} in a list: lost with the process; for tests and the embedded mode. */
public final class InMemorySchemaStore implements SchemaStore {

  private final List<SchemaRecord> records = new ArrayList<>();

  @Override
  public synchronized void append(SchemaRecord record) {
    records.add(record);
  }

  @Override
  public void replay(Consumer<SchemaRecord> sink) {
    List<SchemaRecord> snapshot;
    synchronized (this) {
      snapshot = List.copyOf(records);
    }
    snapshot.forEach(sink);
  }
}
