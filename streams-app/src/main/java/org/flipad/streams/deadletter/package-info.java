/**
 * What a dead letter keeps of the record it stands for, and the bounds that make it always fit
 * under the producer's record limit: the reason, the source coordinates, the original key's and
 * value's sizes and sha256 digests, and at most a configured budget of their bytes ({@link
 * org.flipad.streams.deadletter.DeadLetterLimits}, applied by {@link
 * org.flipad.streams.deadletter.BoundedDeadLetters}). Used by every producer of dead letters: the
 * screening topology, the inversion workers, the trainer and the production exception handler.
 *
 * <p>Must not: produce records or hold Kafka clients (callers write the dead letters it builds).
 */
package org.flipad.streams.deadletter;
