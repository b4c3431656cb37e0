package org.flipad.streams.control;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A {@link ReplayMemory} in this process's heap, holding at most {@code capacity} unexpired ids.
 *
 * <p>Expired ids are dropped on each call. When the memory is full of unexpired ids it answers
 * {@link Sighting#FULL} rather than evicting one, because forgetting an unexpired id would let its
 * command be replayed. It is empty after a restart: a consumer that re-reads the control topic sees
 * accepted commands again, so the trainer must also keep its own record of executed command ids
 * (exactly-once execution is not this class's job). Thread-safe.
 */
public final class BoundedReplayMemory implements ReplayMemory {

  private record Entry(String commandId, Instant forgetAfter) {}

  private final int capacity;
  private final InstantSource clock;
  private final Map<String, Instant> forgetAfterById = new HashMap<>();
  private final PriorityQueue<Entry> byExpiry =
      new PriorityQueue<>(Comparator.comparing(Entry::forgetAfter));

  /** A memory of at most {@code capacity} ids, expiring them by {@code clock}. */
  public BoundedReplayMemory(int capacity, InstantSource clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1; got " + capacity + ".");
    }
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Sighting remember(String commandId, Instant forgetAfter) {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(forgetAfter, "forgetAfter");
    dropExpired(clock.instant());
    if (forgetAfterById.containsKey(commandId)) {
      return Sighting.REPEATED;
    }
    if (forgetAfterById.size() >= capacity) {
      return Sighting.FULL;
    }
    forgetAfterById.put(commandId, forgetAfter);
    byExpiry.add(new Entry(commandId, forgetAfter));
    return Sighting.FIRST;
  }

  /** How many ids are remembered now (expired ones included until the next call drops them). */
  public synchronized int size() {
    return forgetAfterById.size();
  }

  private void dropExpired(Instant now) {
    while (!byExpiry.isEmpty() && byExpiry.peek().forgetAfter().isBefore(now)) {
      forgetAfterById.remove(byExpiry.poll().commandId());
    }
  }
}
