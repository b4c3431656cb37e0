package org.flipad.streams.control;

import java.time.Instant;

/**
 * The command ids accepted so far, each until it can no longer be replayed.
 *
 * <p>An id only needs remembering until its command is older than the accepted age: after that the
 * age check refuses a replay anyway. Implementations may be in memory ({@link BoundedReplayMemory})
 * or durable (a state store), and must make {@link #remember} atomic.
 */
public interface ReplayMemory {

  /** What {@link #remember} found. */
  enum Sighting {
    /** The id was new and is now remembered. */
    FIRST,
    /** The id is already remembered: a replay. */
    REPEATED,
    /** The id is new but the memory is full; it was not remembered and must not be accepted. */
    FULL
  }

  /**
   * Records {@code commandId} until {@code forgetAfter}, unless it is already remembered.
   *
   * @param forgetAfter the last instant at which a replay of the command could still be accepted
   */
  Sighting remember(String commandId, Instant forgetAfter);
}
